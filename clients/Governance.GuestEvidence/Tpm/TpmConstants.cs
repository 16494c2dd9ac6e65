namespace Governance.GuestEvidence.Tpm;

/// <summary>The few TPM 2.0 constants (Part 2) the NV client needs.</summary>
internal static class TpmConstants
{
    public const ushort TagNoSessions = 0x8001;
    public const ushort TagSessions = 0x8002;

    /// <summary>TPM_RS_PW: the password authorization session.</summary>
    public const uint PasswordSession = 0x40000009;

    /// <summary>TPM_RH_OWNER.</summary>
    public const uint OwnerHierarchy = 0x40000001;

    /// <summary>TPM_CAP_TPM_PROPERTIES.</summary>
    public const uint CapabilityTpmProperties = 6;

    /// <summary>TPM_PT_NV_BUFFER_MAX (PT_FIXED + 44): the largest NV_Read or NV_Write the TPM takes at once.</summary>
    public const uint PropertyNvBufferMax = 0x100 + 44;

    /// <summary>TPM_ALG_SHA256, the name algorithm of indices this client defines.</summary>
    public const ushort AlgorithmSha256 = 0x000B;

    /// <summary>The TPM's response header: tag, responseSize, responseCode.</summary>
    public const int HeaderSize = 10;

    /// <summary>
    /// No response this client asks for is near this size (TPMs answer in at most MAX_RESPONSE_SIZE, 4096 on common
    /// parts); a length above it is refused before anything is allocated for it.
    /// </summary>
    public const int MaxResponseSize = 8192;
}
