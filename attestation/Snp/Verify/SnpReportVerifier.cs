namespace Governance.Attestation.Snp.Verify;

/// <summary>A report whose signature, endorsement chain and TCB/chip binding have all been verified.</summary>
public sealed record VerifiedSnpReport(AttestationReport Report, SnpProduct Product, VerifiedEndorsementKey EndorsementKey);

/// <summary>
/// Verifies a raw SEV-SNP report: parse → find or fetch the VCEK/VLEK → chain to a trusted ARK → report
/// signature → SPLs equal REPORTED_TCB and hwID equals CHIP_ID. Policy is not evaluated here.
/// </summary>
public sealed class SnpReportVerifier
{
    private static readonly SnpProduct[] AllProducts = Enum.GetValues<SnpProduct>();

    private readonly SnpVerificationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IVcekSource? _vcekSource;
    private readonly RevocationChecker? _revocation;

    /// <param name="options">Trust roots, offline mode, cache size.</param>
    /// <param name="timeProvider">The clock for certificate validity.</param>
    /// <param name="vcekSource">Where to fetch VCEKs that do not come with the report (null: never fetch).</param>
    /// <param name="revocation">Checks each chain against AMD's CRLs in <see cref="VerifyAsync"/> (null: no CRL is consulted beyond <see cref="SnpVerificationOptions.RevocationLists"/>).</param>
    public SnpReportVerifier(SnpVerificationOptions options, TimeProvider timeProvider, IVcekSource? vcekSource = null, RevocationChecker? revocation = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _vcekSource = vcekSource;
        _revocation = revocation;
        Chains = new ChainVerifier(options);
    }

    /// <summary>The chain verifier and its cache.</summary>
    public ChainVerifier Chains { get; }

    /// <summary>Verifies <paramref name="report"/> with the certificates that came with it (may be null).</summary>
    /// <exception cref="AttestationVerificationException">Verification failed.</exception>
    public async Task<VerifiedSnpReport> VerifyAsync(ReadOnlyMemory<byte> report, ReadOnlyMemory<byte>? certificates, CancellationToken cancellationToken)
    {
        var parsed = ParseReport(report.Span);
        var bundle = ParseBundle(certificates);
        var (vekDer, intermediates) = SelectVek(bundle, parsed);
        vekDer ??= await FetchVcekAsync(parsed, cancellationToken);
        var verified = Verify(report.Span, parsed, vekDer, intermediates);
        if (_revocation is not null)
        {
            await _revocation.CheckAsync(verified.EndorsementKey, cancellationToken);
        }

        return verified;
    }

    /// <summary>Synchronous verification when the endorsement key is in hand (no fetching, so no CRL is fetched either).</summary>
    /// <exception cref="AttestationVerificationException">Verification failed.</exception>
    public VerifiedSnpReport Verify(ReadOnlySpan<byte> report, ReadOnlyMemory<byte>? certificates)
    {
        var parsed = ParseReport(report);
        var (vekDer, intermediates) = SelectVek(ParseBundle(certificates), parsed);
        if (vekDer is null)
        {
            throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable, "No VCEK or VLEK came with the report.");
        }

        return Verify(report, parsed, vekDer, intermediates);
    }

    private VerifiedSnpReport Verify(ReadOnlySpan<byte> report, AttestationReport parsed, byte[] vekDer, IReadOnlyList<byte[]> intermediates)
    {
        var cpuProduct = parsed.ProductFromCpuid;
        // The chain is found without the report's word on the product, and then compared with it: a mismatch is then
        // the same refusal whether the chain was verified now or came from the cache.
        var key = Chains.Verify(vekDer, intermediates, _timeProvider.GetUtcNow());
        if (cpuProduct is { } product && product != key.Product)
        {
            throw new AttestationVerificationException(AttestationFailureReason.ProductMismatch, $"The report comes from a {product} CPU but its endorsement key chains to the {key.Product} root.");
        }

        if (key.Kind != parsed.KeyInfo.SigningKey)
        {
            throw new AttestationVerificationException(AttestationFailureReason.InvalidEndorsementKey, $"The report says it is signed by the {parsed.KeyInfo.SigningKey} but the certificate is a {key.Kind}.");
        }

        if (!ReportSignatureVerifier.Verify(report, key.PublicKey))
        {
            throw new AttestationVerificationException(AttestationFailureReason.ReportSignatureInvalid, "The report's ECDSA P-384 signature does not verify under the endorsement key.");
        }

        var differences = TcbBinding.TcbDifferences(key.Extensions, parsed.ReportedTcb, key.Product);
        if (differences.Count > 0)
        {
            throw new AttestationVerificationException(AttestationFailureReason.TcbMismatch, $"The endorsement key's SPLs differ from REPORTED_TCB {parsed.ReportedTcb}: {string.Join("; ", differences)}.");
        }

        if (key.Kind == SigningKeyKind.Vcek && !TcbBinding.ChipIdMatches(key.Extensions.HwId, parsed.ChipId, key.Product))
        {
            throw new AttestationVerificationException(AttestationFailureReason.ChipIdMismatch, "The VCEK's hardware id differs from the report's CHIP_ID.");
        }

        return new VerifiedSnpReport(parsed, key.Product, key);
    }

    private static AttestationReport ParseReport(ReadOnlySpan<byte> report)
    {
        AttestationReport parsed;
        try
        {
            parsed = AttestationReport.Parse(report);
        }
        catch (SnpFormatException e)
        {
            throw new AttestationVerificationException(AttestationFailureReason.MalformedEvidence, e.Message, e);
        }

        if (parsed.KeyInfo.SigningKey == SigningKeyKind.None)
        {
            throw new AttestationVerificationException(AttestationFailureReason.UnsupportedSigningKey, "The report is not signed (SIGNING_KEY = none).");
        }

        // From version 3 the firmware writes the CPU's family and model into the signed report. One that names no
        // known product (or is zero) is refused rather than left to the chain: the product decides the TCB layout
        // and which root applies, and only a version 2 report, which has no such field, leaves it to the chain.
        if (parsed.Version >= 3 && parsed.ProductFromCpuid is null)
        {
            throw new AttestationVerificationException(AttestationFailureReason.UnknownProduct,
                $"The version {parsed.Version} report's CPUID (family 0x{parsed.CpuidFamily:x2}, model 0x{parsed.CpuidModel:x2}) is not Milan, Genoa or Turin.");
        }

        return parsed;
    }

    private static EndorsementBundle ParseBundle(ReadOnlyMemory<byte>? certificates)
    {
        try
        {
            return certificates is { } blob ? EndorsementBundle.Parse(blob.Span) : EndorsementBundle.Empty;
        }
        catch (SnpFormatException e)
        {
            throw new AttestationVerificationException(AttestationFailureReason.MalformedEvidence, e.Message, e);
        }
    }

    private (byte[]? Vek, IReadOnlyList<byte[]> Intermediates) SelectVek(EndorsementBundle bundle, AttestationReport report)
    {
        if (bundle.Certificates.Count == 0)
        {
            return (null, []);
        }

        var kind = report.KeyInfo.SigningKey;
        var fromTable = kind == SigningKeyKind.Vlek ? bundle.TableVlek : bundle.TableVcek;
        if (fromTable is not null)
        {
            return (fromTable, [.. bundle.Certificates.Where(c => !ReferenceEquals(c, fromTable))]);
        }

        if (bundle.Certificates.Count == 1)
        {
            return (bundle.Certificates[0], []);
        }

        // A warm chain is recognised by hash alone. Otherwise the VEK is the certificate with AMD's extensions that fits
        // this report: the signer it names (hwID for a VCEK, cspID for a VLEK) and, for a VCEK, this chip. Order in the
        // bundle does not matter; when none fits, the first with AMD's extensions is verified so the refusal says why.
        var vek = bundle.Certificates.FirstOrDefault(c => Chains.TryGetCached(c, out _))
            ?? bundle.Certificates.FirstOrDefault(c => Fits(c, report))
            ?? bundle.Certificates.FirstOrDefault(c => ExtensionsOf(c) is not null);
        return vek is null ? (null, bundle.Certificates) : (vek, [.. bundle.Certificates.Where(c => !ReferenceEquals(c, vek))]);
    }

    private static bool Fits(byte[] der, AttestationReport report)
    {
        if (ExtensionsOf(der) is not { } extensions)
        {
            return false;
        }

        return report.KeyInfo.SigningKey switch
        {
            SigningKeyKind.Vlek => extensions.CspId is not null,
            SigningKeyKind.Vcek => extensions.HwId is not null
                && (report.ProductFromCpuid is { } product
                    ? TcbBinding.ChipIdMatches(extensions.HwId, report.ChipId, product)
                    : Enum.GetValues<SnpProduct>().Any(p => TcbBinding.ChipIdMatches(extensions.HwId, report.ChipId, p))),
            _ => false,
        };
    }

    private static VekExtensions? ExtensionsOf(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return certificate.Extensions.Any(e => e.Oid?.Value?.StartsWith(VekExtensions.Arc, StringComparison.Ordinal) == true)
                ? VekExtensions.FromCertificate(certificate)
                : null;
        }
        catch (Exception exception) when (exception is CryptographicException or SnpFormatException)
        {
            return null;
        }
    }

    private async Task<byte[]> FetchVcekAsync(AttestationReport report, CancellationToken cancellationToken)
    {
        if (report.KeyInfo.SigningKey == SigningKeyKind.Vlek)
        {
            throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable, "A VLEK-signed report must come with its VLEK certificate.");
        }

        if (_options.Offline || _vcekSource is null)
        {
            throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable, "No VCEK came with the report and fetching is off (offline mode).");
        }

        if (report.ChipIdMasked)
        {
            throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable, "No VCEK came with the report and its CHIP_ID is masked, so none can be fetched.");
        }

        IEnumerable<SnpProduct> candidates = report.ProductFromCpuid is { } product ? [product] : AllProducts;
        foreach (var candidate in candidates)
        {
            byte[]? vcek;
            try
            {
                vcek = await _vcekSource.GetVcekAsync(new VcekRequest(candidate, report.ChipId, report.ReportedTcb), cancellationToken);
            }
            catch (HttpRequestException e)
            {
                // The refusal reaches whoever sent the evidence: it says what failed, not the service's network details.
                var what = e.StatusCode is { } status ? $"it answered {(int)status}" : "it could not be reached";
                throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable,
                    $"The VCEK could not be fetched from the key distribution service: {what}.", e);
            }
            catch (SnpFormatException e)
            {
                throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable, $"The fetched VCEK is malformed: {e.Message}", e);
            }

            if (vcek is not null)
            {
                return vcek;
            }
        }

        throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable, "No VCEK came with the report and the key distribution service has none for its chip and TCB.");
    }
}
