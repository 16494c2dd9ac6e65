namespace Governance.Domain.Release;

/// <summary>What became of the nonce a release request presented.</summary>
public enum NonceState
{
    /// <summary>It was valid and is now used up by this request.</summary>
    Consumed,

    /// <summary>
    /// Unused and unexpired when read, before the release's write: the statement that records a grant also uses it up,
    /// and writes nothing if another request used it first.
    /// </summary>
    Usable,

    /// <summary>Not the base64url of 32 bytes.</summary>
    Malformed,

    /// <summary>The service never issued it.</summary>
    Unknown,

    /// <summary>Another request used it first.</summary>
    AlreadyUsed,

    /// <summary>Its lifetime is over.</summary>
    Expired,
}
