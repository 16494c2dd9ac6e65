namespace Governance.GuestEvidence.Tpm;

/// <summary>The command codes this client sends (TPM 2.0 Library Part 2, TPM_CC).</summary>
public enum TpmCommandCode : uint
{
    NvDefineSpace = 0x12A,
    NvWrite = 0x137,
    NvRead = 0x14E,
    NvReadPublic = 0x169,
    GetCapability = 0x17A,
}
