using Governance.GuestEvidence;

namespace Governance.Api.Application.Service;

/// <summary>
/// Fresh evidence of the service itself: an SEV-SNP report, obtained now through configfs-tsm, whose REPORT_DATA binds
/// the keys the service holds, its build, its consortium and the caller's nonce (<see cref="ServiceReportData"/>).
/// </summary>
internal sealed class AttestService(
    IOptions<ConfidentialOptions> options,
    ServiceIdentity identity,
    KeyCustody custody,
    IServiceSigningKeys signingKeys,
    IConsortiumRules consortium)
{
    /// <summary>Nonces are 16 to 64 bytes, written as lowercase or uppercase hex.</summary>
    public const int MinNonceBytes = 16, MaxNonceBytes = 64;

    public static string BuildVersion { get; } =
        typeof(AttestService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<ServiceAttestation> HandleAsync(string? nonce, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            throw new DomainException(ErrorKind.NotFound, "Not found", "This service does not run in confidential mode, so it has no attestation.");
        }

        try
        {
            return await AttestAsync(NormaliseNonce(nonce), cancellationToken);
        }
        catch (EvidenceUnavailableException)
        {
            // The platform did not answer: not the caller's fault, and worth a retry.
            throw new DomainException(ErrorKind.Unavailable, "Service unavailable", "The platform did not produce a report; try again.");
        }
    }

    /// <summary>
    /// Evidence over <paramref name="nonce"/> (lowercase hex). The signing keys are bound only while this instance holds
    /// the key-encryption key that opens them: an instance still waiting for it attests that it holds none.
    /// </summary>
    public async Task<ServiceAttestation> AttestAsync(string nonce, CancellationToken cancellationToken)
    {
        var signing = custody.State == CustodyState.Open ? await signingKeys.GetPublicKeysAsync(cancellationToken) : [];
        var keys = new ServiceAttestedKeys(identity.IdentityKey, signing, identity.TransitKey);
        var consortiumName = (await consortium.GetAsync(cancellationToken))?.Name ?? "";
        var reportData = ServiceReportData.Compute(keys, BuildVersion, consortiumName, nonce);
        var evidence = await new ConfigfsTsmEvidenceSource(options.Value.TsmPath).GetReportAsync(reportData, cancellationToken);

        return new ServiceAttestation(nonce, keys, BuildVersion, consortiumName,
            Convert.ToBase64String(evidence.Report), Convert.ToBase64String(evidence.CertificateTable));
    }

    private static string NormaliseNonce(string? nonce)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length % 2 != 0 || nonce.Length < 2 * MinNonceBytes || nonce.Length > 2 * MaxNonceBytes
            || !nonce.All(Uri.IsHexDigit))
        {
            throw DomainException.BadParameter("nonce", $"nonce must be {MinNonceBytes} to {MaxNonceBytes} bytes written in hex.");
        }

        return nonce.ToLowerInvariant();
    }
}
