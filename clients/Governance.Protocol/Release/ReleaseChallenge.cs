namespace Governance.Protocol.Release;

/// <summary>A single-use nonce (base64url, 32 random bytes) for one release request, and when it stops being accepted.</summary>
public sealed record ReleaseChallenge(string Nonce, DateTimeOffset ExpiresAt);
