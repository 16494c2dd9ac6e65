namespace Governance.Protocol.Release;

/// <summary>
/// The claims of verified evidence that name a clean room VM: the <c>claims</c> of its <c>release.granted</c> and
/// <c>release.denied</c> audit entries, and, through <see cref="Digest"/>, the <c>claimsDigest</c> of its receipts.
/// Byte values are lowercase hex; members the evidence does not carry are present as null.
/// </summary>
public sealed record ReleaseClaims
{
    public required string EvidenceKind { get; init; }

    public string? Product { get; init; }

    public uint? ReportVersion { get; init; }

    public required byte[] Measurement { get; init; }

    public required byte[] HostData { get; init; }

    public required byte[] ReportData { get; init; }

    public required byte[] IdKeyDigest { get; init; }

    public required byte[] AuthorKeyDigest { get; init; }

    public required byte[] FamilyId { get; init; }

    public required byte[] ImageId { get; init; }

    public required uint GuestSvn { get; init; }

    public required uint Vmpl { get; init; }

    public required bool Debuggable { get; init; }

    public required bool MigrationAgentAllowed { get; init; }

    public required bool SmtAllowed { get; init; }

    /// <summary>The reported TCB's security patch levels; null for tokens that do not carry it.</summary>
    public ReleaseClaimsTcb? ReportedTcb { get; init; }

    public byte[]? ChipId { get; init; }

    public string? SigningKey { get; init; }

    public byte[]? EndorsementKeySha256 { get; init; }

    public bool? ChainsToAmdRoot { get; init; }

    public string? CloudProviderId { get; init; }

    public byte[]? RuntimeUserData { get; init; }

    public string? MaaIssuer { get; init; }

    public string? MaaComplianceStatus { get; init; }

    /// <summary>The claims as JSON: camelCase members in this order, byte values as lowercase hex.</summary>
    public JsonObject ToJson() => new()
    {
        ["evidenceKind"] = EvidenceKind,
        ["product"] = Product,
        ["reportVersion"] = ReportVersion,
        ["measurement"] = Hex(Measurement),
        ["hostData"] = Hex(HostData),
        ["reportData"] = Hex(ReportData),
        ["idKeyDigest"] = Hex(IdKeyDigest),
        ["authorKeyDigest"] = Hex(AuthorKeyDigest),
        ["familyId"] = Hex(FamilyId),
        ["imageId"] = Hex(ImageId),
        ["guestSvn"] = GuestSvn,
        ["vmpl"] = Vmpl,
        ["debuggable"] = Debuggable,
        ["migrationAgentAllowed"] = MigrationAgentAllowed,
        ["smtAllowed"] = SmtAllowed,
        ["reportedTcb"] = ReportedTcb is { } tcb ? new JsonObject
        {
            ["bootLoader"] = tcb.BootLoader,
            ["tee"] = tcb.Tee,
            ["snp"] = tcb.Snp,
            ["microcode"] = tcb.Microcode,
            ["fmc"] = tcb.Fmc,
        } : null,
        ["chipId"] = Hex(ChipId),
        ["signingKey"] = SigningKey,
        ["endorsementKeySha256"] = Hex(EndorsementKeySha256),
        ["chainsToAmdRoot"] = ChainsToAmdRoot,
        ["cloudProviderId"] = CloudProviderId,
        ["runtimeUserData"] = Hex(RuntimeUserData),
        ["maaIssuer"] = MaaIssuer,
        ["maaComplianceStatus"] = MaaComplianceStatus,
    };

    /// <summary>
    /// The receipt's <c>claimsDigest</c> of claims given as JSON (for example an audit entry's <c>claims</c>): lowercase
    /// hex SHA-256 of their RFC 8785 canonical form.
    /// </summary>
    public static string Digest(JsonObject claims) => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(claims)));

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexStringLower(bytes);
}

/// <summary>Security patch levels of a reported TCB.</summary>
public sealed record ReleaseClaimsTcb(byte BootLoader, byte Tee, byte Snp, byte Microcode, byte? Fmc);
