namespace Governance.Protocol.Audit;

/// <summary>The answer to <c>POST /keys/rotate</c>: the key that signs from now on and the one it replaced.</summary>
/// <param name="Current">The new current key (also first in <c>GET /keys</c>).</param>
/// <param name="PreviousKeyId">The kid of the key it replaces; it stays published so earlier signatures verify.</param>
public sealed record ServiceKeyRotationDto(ServiceJwk Current, string? PreviousKeyId);
