namespace Governance.GuestEvidence.Tpm;

/// <summary>An NV index's public area (TPMS_NV_PUBLIC) as far as reading and writing it needs.</summary>
/// <param name="Size">dataSize: the index's length in bytes.</param>
public sealed record TpmNvPublic(uint Index, TpmNvAttributes Attributes, ushort Size)
{
    /// <summary>The handle that authorizes a read with an empty password: the index itself, else the owner hierarchy.</summary>
    public uint? ReadAuthorization =>
        Attributes.HasFlag(TpmNvAttributes.AuthRead) ? Index : Attributes.HasFlag(TpmNvAttributes.OwnerRead) ? TpmConstants.OwnerHierarchy : null;

    /// <summary>The handle that authorizes a write with an empty password: the index itself, else the owner hierarchy.</summary>
    public uint? WriteAuthorization =>
        Attributes.HasFlag(TpmNvAttributes.AuthWrite) ? Index : Attributes.HasFlag(TpmNvAttributes.OwnerWrite) ? TpmConstants.OwnerHierarchy : null;
}
