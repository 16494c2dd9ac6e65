namespace Governance.Protocol.Members;

/// <summary>Registers another public key for the signed-in member.</summary>
public sealed record AddMemberKeyRequest
{
    /// <summary>An ECDSA P-256 or P-384 public key: a JWK object, or a PEM "PUBLIC KEY" block as a string.</summary>
    /// <example>{"kty":"EC","crv":"P-384","x":"gA0YxH2Vq3…","y":"yVv9mJ1c…"}</example>
    public required JsonElement Key { get; init; }
}
