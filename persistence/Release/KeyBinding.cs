namespace Governance.Persistence.Release;

/// <summary>
/// A wrapping key a granted release bound to a contract: the clean room holding it speaks on the contract's channel
/// (consent checks, events) with JWS made by it.
/// </summary>
/// <param name="Thumbprint">Its RFC 7638 thumbprint (base64url).</param>
/// <param name="PublicJwk">The public key as the release request sent it (JSON).</param>
/// <param name="ClaimsDigest">The digest of the claims the release was granted on: how the audit log names that clean room.</param>
public sealed record KeyBinding(string Thumbprint, string PublicJwk, string ClaimsDigest);
