namespace Governance.Attestation.Policy;

/// <summary>Which versioned endorsement key may have signed the report.</summary>
public enum SigningKeyRequirement
{
    /// <summary>Versioned Chip Endorsement Key: tied to one chip.</summary>
    Vcek,

    /// <summary>Versioned Loaded Endorsement Key: issued to a cloud provider.</summary>
    Vlek,

    /// <summary>Either key.</summary>
    Any,
}
