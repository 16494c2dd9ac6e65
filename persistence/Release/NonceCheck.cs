namespace Governance.Persistence.Release;

/// <summary>What became of a presented nonce.</summary>
public enum NonceCheck
{
    /// <summary>It was valid and is now used up.</summary>
    Consumed,

    /// <summary>The service never issued it.</summary>
    Unknown,

    /// <summary>Another request used it first.</summary>
    AlreadyUsed,

    /// <summary>Its lifetime is over.</summary>
    Expired,
}
