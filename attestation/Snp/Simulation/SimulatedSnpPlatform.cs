namespace Governance.Attestation.Snp.Simulation;

/// <summary>
/// A software stand-in for an AMD SEV-SNP platform, for tests, demos and development signers. It mints an
/// AMD-shaped chain (RSA ARK → ASK/ASVK with RSA-PSS SHA-384 signatures, P-384 VCEK/VLEK with AMD's
/// extensions) and signs reports with the endorsement key exactly as firmware does (ECDSA P-384 over bytes
/// 0x000..0x29F, little-endian r and s). Its root is trusted only when <see cref="TrustRoot"/> is passed in
/// <see cref="SnpVerificationOptions.ExtraTrustedRoots"/>; the pinned AMD roots never accept it.
/// </summary>
/// <example>
/// <code>
/// using var platform = SimulatedSnpPlatform.Create(SnpProduct.Milan);
/// var report = platform.SignReport(platform.NewReport() with { ReportData = nonce64, Measurement = m48 });
/// var verifier = new EvidenceVerifier(new() { Snp = new() { ExtraTrustedRoots = [platform.TrustRoot] } }, TimeProvider.System);
/// var claims = await verifier.VerifyAsync(new SnpEvidence(report, platform.Vcek.CertificatePem), ct);
/// </code>
/// </example>
public sealed class SimulatedSnpPlatform : IDisposable
{
    private readonly RSA _arkKey;
    private readonly RSA _askKey;
    private readonly RSA _asvkKey;
    private readonly X509Certificate2 _arkWithKey;

    private SimulatedSnpPlatform(SnpProduct product, SimulatedPlatformOptions options)
    {
        Product = product;
        Options = options;
        _arkKey = RSA.Create(options.RsaKeySize);
        _askKey = RSA.Create(options.RsaKeySize);
        _asvkKey = RSA.Create(options.RsaKeySize);
        var name = product.ToString();
        var notBefore = options.NotBefore;
        var notAfter = notBefore.AddYears(25);

        var arkRequest = new CertificateRequest(AmdName($"ARK-{name}"), _arkKey, HashAlgorithmName.SHA384, RSASignaturePadding.Pss);
        arkRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        arkRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        arkRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(arkRequest.PublicKey, false));
        _arkWithKey = arkRequest.CreateSelfSigned(notBefore, notAfter);
        Ark = X509CertificateLoader.LoadCertificate(_arkWithKey.RawData);
        Ask = IssueIntermediate($"SEV-{name}", _askKey, [0x01], notBefore, notAfter);
        Asvk = IssueIntermediate($"SEV-VLEK-{name}", _asvkKey, [0x02], notBefore, notAfter);
        TrustRoot = SnpTrustRoot.Create(product, Ark, Ask, Asvk);
        ChipId = options.ChipId ?? NewChipId(product);
        Tcb = options.Tcb ?? TcbVersion.Encode(product, new TcbComponents(BootLoader: 4, Tee: 0, Snp: 24, Microcode: 219, Fmc: product == SnpProduct.Turin ? (byte)1 : null));
        Vcek = IssueVcek();
    }

    public SnpProduct Product { get; }

    public SimulatedPlatformOptions Options { get; }

    /// <summary>The simulated ARK (self-signed, RSA-PSS SHA-384).</summary>
    public X509Certificate2 Ark { get; }

    /// <summary>The simulated ASK ("SEV-&lt;Product&gt;"), which signs VCEKs.</summary>
    public X509Certificate2 Ask { get; }

    /// <summary>The simulated ASVK ("SEV-VLEK-&lt;Product&gt;"), which signs VLEKs.</summary>
    public X509Certificate2 Asvk { get; }

    /// <summary>Pass this in <see cref="SnpVerificationOptions.ExtraTrustedRoots"/> to trust the platform.</summary>
    public SnpTrustRoot TrustRoot { get; }

    /// <summary>This chip's CHIP_ID (64 bytes; Turin: 8 bytes then zeros).</summary>
    public byte[] ChipId { get; }

    /// <summary>The platform's TCB (reported, current, committed and launch TCB of new reports).</summary>
    public TcbVersion Tcb { get; }

    /// <summary>The VCEK for <see cref="ChipId"/> and <see cref="Tcb"/>.</summary>
    public SimulatedEndorsementKey Vcek { get; }

    /// <summary>Creates a platform with fresh keys (RSA key generation takes a moment; share instances across tests).</summary>
    public static SimulatedSnpPlatform Create(SnpProduct product, SimulatedPlatformOptions? options = null) =>
        new(product, options ?? new SimulatedPlatformOptions());

    /// <summary>A random CHIP_ID shaped for <paramref name="product"/>.</summary>
    public static byte[] NewChipId(SnpProduct product)
    {
        var chipId = new byte[64];
        RandomNumberGenerator.Fill(product == SnpProduct.Turin ? chipId.AsSpan(0, 8) : chipId);
        return chipId;
    }

    /// <summary>
    /// Issues a VCEK. Defaults: this chip, this TCB, valid from <see cref="SimulatedPlatformOptions.NotBefore"/> for 7 years.
    /// Pass another TCB for "wrong SPL" keys, another chip id for "other chip" keys, or past dates for expired keys.
    /// </summary>
    public SimulatedEndorsementKey IssueVcek(TcbVersion? tcb = null, byte[]? chipId = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var id = chipId ?? ChipId;
        var hwId = Product == SnpProduct.Turin ? id[..8] : id;
        return IssueEndorsementKey("SEV-VCEK", Ask, _askKey, SigningKeyKind.Vcek, tcb ?? Tcb, hwId, cspId: null, notBefore, notAfter);
    }

    /// <summary>
    /// A VCEK certificate for this chip and TCB, signed by the ASK, around a public key the platform does not hold
    /// (e.g. a point that is not on the curve), to test how a verifier treats such a key.
    /// </summary>
    public X509Certificate2 IssueVcekCertificate(PublicKey subjectKey)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        var hwId = Product == SnpProduct.Turin ? ChipId[..8] : ChipId;
        return IssueEndorsementCertificate("SEV-VCEK", Ask, _askKey, SigningKeyKind.Vcek, Tcb, hwId, cspId: null, notBefore: null, notAfter: null, subjectKey);
    }

    /// <summary>Issues a VLEK (signed by the ASVK, carrying a cloud provider id and no hardware id); valid 7 years by default like a VCEK (AMD issues VLEKs for 1 year: pass dates to mimic that).</summary>
    public SimulatedEndorsementKey IssueVlek(TcbVersion? tcb = null, string cspId = "CN=simulated-cloud.example", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        IssueEndorsementKey("SEV-VLEK", Asvk, _asvkKey, SigningKeyKind.Vlek, tcb ?? Tcb, hwId: null, cspId, notBefore, notAfter);

    /// <summary>
    /// A report template for this platform: version 3 (5 on Turin), VCEK-signed, CPUID of the product, this chip
    /// and TCB, SMT policy, no migration agent. Change fields with <c>with</c>, then <see cref="SignReport"/>.
    /// </summary>
    public AttestationReport NewReport()
    {
        var (family, model) = Product switch
        {
            SnpProduct.Milan => ((byte)0x19, (byte)0x01),
            SnpProduct.Genoa => ((byte)0x19, (byte)0x11),
            _ => ((byte)0x1A, (byte)0x02),
        };
        var turin = Product == SnpProduct.Turin;
        var reportId = new byte[32];
        RandomNumberGenerator.Fill(reportId);
        return new AttestationReport
        {
            Version = turin ? 5u : 3u,
            Policy = new GuestPolicy(0x30000),
            CurrentTcb = Tcb,
            ReportedTcb = Tcb,
            CommittedTcb = Tcb,
            LaunchTcb = Tcb,
            PlatformInfo = new PlatformInfo(turin ? 0x65UL : 0x25UL),
            KeyInfo = KeyInfo.Create(SigningKeyKind.Vcek),
            ReportId = reportId,
            ReportIdMa = Enumerable.Repeat((byte)0xFF, 32).ToArray(),
            CpuidFamily = family,
            CpuidModel = model,
            CpuidStepping = 1,
            ChipId = (byte[])ChipId.Clone(),
            CurrentVersion = new FirmwareVersion(1, 55, 40),
            CommittedVersion = new FirmwareVersion(1, 55, 40),
            LaunchMitVector = turin ? 0x3F : null,
            CurrentMitVector = turin ? 0x3F : null,
        };
    }

    /// <summary>Serialises <paramref name="report"/> and signs it with <paramref name="key"/> (default: this platform's VCEK).</summary>
    public byte[] SignReport(AttestationReport report, SimulatedEndorsementKey? key = null)
    {
        var signer = key ?? Vcek;
        var bytes = report.ToBytes();
        var signature = signer.PrivateKey.SignData(bytes.AsSpan(0, AttestationReport.SignedLength), HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        ReportSignatureVerifier.WriteSignature(bytes, signature);
        return bytes;
    }

    /// <summary>An extended-report certificate table holding <paramref name="key"/>, the matching ASK/ASVK and the ARK.</summary>
    public byte[] CertificateTable(SimulatedEndorsementKey? key = null)
    {
        var vek = key ?? Vcek;
        var vlek = vek.Kind == SigningKeyKind.Vlek;
        return new CertificateTable(
        [
            new CertificateTableEntry(vlek ? Abi.CertificateTable.VlekGuid : Abi.CertificateTable.VcekGuid, vek.Certificate.RawData),
            new CertificateTableEntry(Abi.CertificateTable.AskGuid, (vlek ? Asvk : Ask).RawData),
            new CertificateTableEntry(Abi.CertificateTable.ArkGuid, Ark.RawData),
        ]).ToBytes();
    }

    /// <summary>An ARK-signed CRL (RSA-PSS SHA-384) revoking the given ASK/ASVK certificates, like AMD's KDS CRL; next update in 30 days.</summary>
    public byte[] IssueRevocationList(DateTimeOffset thisUpdate, params X509Certificate2[] revoked) =>
        IssueRevocationList(thisUpdate, thisUpdate.AddDays(30), revoked);

    /// <summary>An ARK-signed CRL revoking the given certificates, issued at <paramref name="thisUpdate"/> and due for renewal at <paramref name="nextUpdate"/>.</summary>
    public byte[] IssueRevocationList(DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, params X509Certificate2[] revoked)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, thisUpdate);
        }

        // CRL numbers grow with the issue time, as successive CRLs from one issuer must.
        return builder.Build(_arkWithKey, new System.Numerics.BigInteger(thisUpdate.ToUnixTimeSeconds()), nextUpdate, HashAlgorithmName.SHA384, RSASignaturePadding.Pss, thisUpdate);
    }

    public void Dispose()
    {
        _arkWithKey.Dispose();
        _arkKey.Dispose();
        _askKey.Dispose();
        _asvkKey.Dispose();
        Vcek.Dispose();
    }

    private X509Certificate2 IssueIntermediate(string commonName, RSA key, byte[] serial, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(AmdName(commonName), key, HashAlgorithmName.SHA384, RSASignaturePadding.Pss);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var certificate = request.Create(Ark.SubjectName, X509SignatureGenerator.CreateForRSA(_arkKey, RSASignaturePadding.Pss), notBefore, notAfter, serial);
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    private SimulatedEndorsementKey IssueEndorsementKey(string commonName, X509Certificate2 issuer, RSA issuerKey, SigningKeyKind kind, TcbVersion tcb, byte[]? hwId, string? cspId, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var certificate = IssueEndorsementCertificate(commonName, issuer, issuerKey, kind, tcb, hwId, cspId, notBefore, notAfter, new PublicKey(key));
        return new SimulatedEndorsementKey(kind, certificate, key);
    }

    private X509Certificate2 IssueEndorsementCertificate(string commonName, X509Certificate2 issuer, RSA issuerKey, SigningKeyKind kind, TcbVersion tcb, byte[]? hwId, string? cspId, DateTimeOffset? notBefore, DateTimeOffset? notAfter, PublicKey subjectKey)
    {
        var request = new CertificateRequest(AmdName(commonName), subjectKey, HashAlgorithmName.SHA384);
        var components = tcb.Decode(Product);
        var turin = Product == SnpProduct.Turin;
        var productName = kind == SigningKeyKind.Vlek ? Product.ToString() : Product switch
        {
            SnpProduct.Milan => "Milan-B0",
            _ => Product.ToString(),
        };
        void Add(string oid, byte[] value) => request.CertificateExtensions.Add(new X509Extension(new Oid(oid), value, false));
        Add(VekExtensions.StructVersionOid, Integer(turin && kind == SigningKeyKind.Vcek ? 1 : 0));
        Add(VekExtensions.ProductNameOid, Ia5(productName));
        Add(VekExtensions.BootLoaderSplOid, Integer(components.BootLoader));
        Add(VekExtensions.TeeSplOid, Integer(components.Tee));
        Add(VekExtensions.SnpSplOid, Integer(components.Snp));
        // Slots 4 to 7 certify the TCB bytes no component names: bytes 2 to 5 (Milan, Genoa) or 4 to 6 (Turin).
        for (var spl = turin ? 5 : 4; spl <= 7; spl++)
        {
            Add($"{VekExtensions.Arc}3.{spl}", Integer((byte)(tcb.Raw >> (8 * (turin ? spl - 1 : spl - 2)))));
        }

        Add(VekExtensions.MicrocodeSplOid, Integer(components.Microcode));
        if (turin)
        {
            Add(VekExtensions.FmcSplOid, Integer(components.Fmc ?? 0));
        }

        if (hwId is not null)
        {
            Add(VekExtensions.HwIdOid, hwId);
        }

        if (cspId is not null)
        {
            Add(VekExtensions.CspIdOid, Ia5(cspId));
        }

        var from = notBefore ?? Options.NotBefore;
        var until = notAfter ?? from.AddYears(7);
        using var signed = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pss), from, until, [0x00]);
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    private static X500DistinguishedName AmdName(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddOrganizationalUnitName("Engineering");
        builder.AddCountryOrRegion("US");
        builder.AddLocalityName("Santa Clara");
        builder.AddStateOrProvinceName("CA");
        builder.AddOrganizationName("Advanced Micro Devices");
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private static byte[] Integer(int value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteInteger(value);
        return writer.Encode();
    }

    private static byte[] Ia5(string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.IA5String, value);
        return writer.Encode();
    }
}
