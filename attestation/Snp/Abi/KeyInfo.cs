namespace Governance.Attestation.Snp.Abi;

/// <summary>Which key signed the report (KEY_INFO bits 4:2).</summary>
public enum SigningKeyKind
{
    /// <summary>Versioned Chip Endorsement Key.</summary>
    Vcek = 0,

    /// <summary>Versioned Loaded Endorsement Key (issued to a cloud provider).</summary>
    Vlek = 1,

    /// <summary>The report is not signed.</summary>
    None = 7,
}

/// <summary>KEY_INFO (u32 at 0x48): author key enabled, chip key masked, signing key.</summary>
public readonly record struct KeyInfo(uint Raw)
{
    /// <summary>Bits 31:5 are reserved and must be zero.</summary>
    public const uint ReservedMustBeZero = ~0x1Fu;

    public bool AuthorKeyEnabled => (Raw & 1) != 0;

    public bool MaskChipKey => (Raw & 2) != 0;

    public SigningKeyKind SigningKey => (SigningKeyKind)((Raw >> 2) & 7);

    public static KeyInfo Create(SigningKeyKind signingKey, bool authorKeyEnabled = false, bool maskChipKey = false) =>
        new(((uint)signingKey << 2) | (maskChipKey ? 2u : 0u) | (authorKeyEnabled ? 1u : 0u));

    public override string ToString() =>
        $"0x{Raw:x} (author_key_en={(AuthorKeyEnabled ? 1 : 0)} mask_chip_key={(MaskChipKey ? 1 : 0)} signing_key={SigningKey})";
}
