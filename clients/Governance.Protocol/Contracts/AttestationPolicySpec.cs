namespace Governance.Protocol.Contracts;

/// <summary>
/// The attestation policy as it is written in a contract (the wire form of the attestation library's
/// policy, field for field, so clients can compute digests without that library). Byte values are
/// lowercase hex; an empty allow-list means "any value".
/// </summary>
public sealed record AttestationPolicySpec
{
    /// <summary>Allowed launch measurements (48 bytes, 96 hex digits, each).</summary>
    public IReadOnlyList<string> Measurements { get; init; } = [];

    /// <summary>Allowed HOST_DATA values (32 bytes, 64 hex digits, each).</summary>
    public IReadOnlyList<string> HostData { get; init; } = [];

    /// <summary>Allowed ID-key digests (48 bytes each).</summary>
    public IReadOnlyList<string> IdKeyDigests { get; init; } = [];

    /// <summary>Allowed author-key digests (48 bytes each).</summary>
    public IReadOnlyList<string> AuthorKeyDigests { get; init; } = [];

    /// <summary>Required FAMILY_ID (16 bytes), if pinned.</summary>
    public string? FamilyId { get; init; }

    /// <summary>Required IMAGE_ID (16 bytes), if pinned.</summary>
    public string? ImageId { get; init; }

    public uint? MinimumGuestSvn { get; init; }

    /// <summary>Lowest acceptable reported TCB per component (bootLoader, tee, snp, microcode, fmc on Turin).</summary>
    public TcbMinimumSpec? MinimumTcb { get; init; }

    /// <summary><c>milan</c>, <c>genoa</c>, <c>turin</c>; empty means any.</summary>
    public IReadOnlyList<SnpProductName> Products { get; init; } = [];

    /// <summary><c>vcek</c>, <c>vlek</c> or <c>any</c>.</summary>
    public SigningKeyName SigningKey { get; init; } = SigningKeyName.Vcek;

    /// <summary>Debug guests expose their memory to the host: refused unless set.</summary>
    public bool AllowDebug { get; init; }

    public bool AllowMigrationAgent { get; init; }

    public bool AllowSmt { get; init; } = true;

    /// <summary>Taken from the clean room profile; leave out or give the same value.</summary>
    public uint? Vmpl { get; init; }

    public uint? MinimumReportVersion { get; init; }

    public bool AllowMaskedChipId { get; init; }

    /// <summary>For Azure Attestation token evidence: the trusted attestation providers (issuer URLs).</summary>
    public IReadOnlyList<string> TrustedAttestationProviders { get; init; } = [];
}

public sealed record TcbMinimumSpec
{
    public byte? BootLoader { get; init; }

    public byte? Tee { get; init; }

    public byte? Snp { get; init; }

    public byte? Microcode { get; init; }

    public byte? Fmc { get; init; }
}

public enum SnpProductName
{
    Milan,
    Genoa,
    Turin,
}

public enum SigningKeyName
{
    Vcek,
    Vlek,
    Any,
}
