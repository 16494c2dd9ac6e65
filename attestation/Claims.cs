namespace Governance.Attestation;

/// <summary>The kind of evidence the claims were verified from.</summary>
public enum EvidenceKind
{
    /// <summary>A raw SEV-SNP attestation report.</summary>
    SnpReport,

    /// <summary>An Azure confidential VM HCL report (SNP report + runtime claims JSON).</summary>
    AzureCvmHclReport,

    /// <summary>A Microsoft Azure Attestation token.</summary>
    MaaToken,
}

/// <summary>
/// The one normalised view of verified evidence; policy evaluation only ever sees this record. Byte values are
/// fixed-length arrays (hex only at the edges). Fields the evidence type does not carry are null: an MAA
/// token has no chip id or raw policy word, a raw report has no runtime JSON.
/// </summary>
public sealed record AttestationClaims
{
    public required EvidenceKind EvidenceKind { get; init; }

    /// <summary>The AMD product (from CPUID or the endorsement chain); null when the evidence does not say.</summary>
    public SnpProduct? Product { get; init; }

    /// <summary>The report VERSION; null for tokens.</summary>
    public uint? ReportVersion { get; init; }

    /// <summary>MEASUREMENT, 48 bytes.</summary>
    public required byte[] Measurement { get; init; }

    /// <summary>HOST_DATA, 32 bytes.</summary>
    public required byte[] HostData { get; init; }

    /// <summary>REPORT_DATA, 64 bytes.</summary>
    public required byte[] ReportData { get; init; }

    /// <summary>ID_KEY_DIGEST, 48 bytes.</summary>
    public required byte[] IdKeyDigest { get; init; }

    /// <summary>AUTHOR_KEY_DIGEST, 48 bytes.</summary>
    public required byte[] AuthorKeyDigest { get; init; }

    /// <summary>FAMILY_ID, 16 bytes.</summary>
    public required byte[] FamilyId { get; init; }

    /// <summary>IMAGE_ID, 16 bytes.</summary>
    public required byte[] ImageId { get; init; }

    public required uint GuestSvn { get; init; }

    public required uint Vmpl { get; init; }

    /// <summary>The raw guest policy word when the evidence carries it.</summary>
    public GuestPolicy? Policy { get; init; }

    /// <summary>POLICY.DEBUG (or the token's is-debuggable).</summary>
    public required bool Debuggable { get; init; }

    /// <summary>POLICY.MIGRATE_MA (or the token's migration-allowed).</summary>
    public required bool MigrationAgentAllowed { get; init; }

    /// <summary>POLICY.SMT (or the token's smt-allowed).</summary>
    public required bool SmtAllowed { get; init; }

    /// <summary>The TCB the endorsement key attests to (policy minimums apply to this one).</summary>
    public TcbComponents? ReportedTcb { get; init; }

    public TcbComponents? CurrentTcb { get; init; }

    public TcbComponents? CommittedTcb { get; init; }

    public TcbComponents? LaunchTcb { get; init; }

    /// <summary>CHIP_ID, 64 bytes; null for tokens.</summary>
    public byte[]? ChipId { get; init; }

    /// <summary>True when CHIP_ID is all zero.</summary>
    public bool ChipIdMasked => ChipId is { } id && !id.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Which key signed the report; null for tokens.</summary>
    public SigningKeyKind? SigningKey { get; init; }

    public PlatformInfo? PlatformInfo { get; init; }

    /// <summary>SHA-256 of the endorsement key certificate (VCEK/VLEK), when one was verified.</summary>
    public byte[]? EndorsementKeySha256 { get; init; }

    /// <summary>True when the chain ends at a pinned AMD root; false for explicitly configured extra roots; null for tokens.</summary>
    public bool? ChainsToAmdRoot { get; init; }

    /// <summary>A VLEK's cloud provider id.</summary>
    public string? CloudProviderId { get; init; }

    /// <summary>The Azure runtime claims JSON (HCL variable data or the token's x-ms-runtime), as sent.</summary>
    public string? RuntimeJson { get; init; }

    /// <summary>The runtime JSON's <c>user-data</c> (64 bytes), which the guest sets and the release protocol binds to.</summary>
    public byte[]? RuntimeUserData { get; init; }

    /// <summary>The attestation provider that issued the token.</summary>
    public string? MaaIssuer { get; init; }

    /// <summary>The token's x-ms-compliance-status (e.g. azure-compliant-cvm).</summary>
    public string? MaaComplianceStatus { get; init; }

    /// <summary>The parsed report, when the evidence carried one.</summary>
    public AttestationReport? Report { get; init; }

    /// <summary>Claims of a verified raw report.</summary>
    public static AttestationClaims FromReport(Snp.Verify.VerifiedSnpReport verified, EvidenceKind kind = EvidenceKind.SnpReport)
    {
        var report = verified.Report;
        var product = verified.Product;
        return new AttestationClaims
        {
            EvidenceKind = kind,
            Product = product,
            ReportVersion = report.Version,
            Measurement = report.Measurement,
            HostData = report.HostData,
            ReportData = report.ReportData,
            IdKeyDigest = report.IdKeyDigest,
            AuthorKeyDigest = report.AuthorKeyDigest,
            FamilyId = report.FamilyId,
            ImageId = report.ImageId,
            GuestSvn = report.GuestSvn,
            Vmpl = report.Vmpl,
            Policy = report.Policy,
            Debuggable = report.Policy.Debug,
            MigrationAgentAllowed = report.Policy.MigrateMa,
            SmtAllowed = report.Policy.SmtAllowed,
            ReportedTcb = report.ReportedTcb.Decode(product),
            CurrentTcb = report.CurrentTcb.Decode(product),
            CommittedTcb = report.CommittedTcb.Decode(product),
            LaunchTcb = report.LaunchTcb.Decode(product),
            ChipId = report.ChipId,
            SigningKey = report.KeyInfo.SigningKey,
            PlatformInfo = report.PlatformInfo,
            EndorsementKeySha256 = verified.EndorsementKey.CertificateSha256,
            ChainsToAmdRoot = verified.EndorsementKey.BuiltInRoot,
            CloudProviderId = verified.EndorsementKey.Extensions.CspId,
            Report = report,
        };
    }
}
