namespace Governance.Protocol.Audit;

/// <summary>The answer to <c>POST /keys/rotate</c>: one fresh key per purpose.</summary>
public sealed record ServiceKeyRotationDto(IReadOnlyList<RotatedServiceKeyDto> Keys);

/// <param name="Purpose"><c>treeHeads</c> (P-384, ES384) or <c>receipts</c> (P-256, ES256).</param>
/// <param name="Current">The new current key of that purpose (published at <c>GET /keys</c>).</param>
/// <param name="PreviousKeyId">The kid of the key it replaces; it stays published so earlier signatures verify.</param>
public sealed record RotatedServiceKeyDto(string Purpose, ServiceJwk Current, string? PreviousKeyId);
