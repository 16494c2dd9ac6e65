namespace Governance.GuestEvidence.Tpm;

/// <summary>TPMA_NV bits (Part 2 §13.4) that decide how an index is authorized.</summary>
[Flags]
public enum TpmNvAttributes : uint
{
    None = 0,
    OwnerWrite = 1u << 1,
    AuthWrite = 1u << 2,
    OwnerRead = 1u << 17,
    AuthRead = 1u << 18,
    Written = 1u << 29,
}
