namespace Governance.Protocol.Secrets;

/// <summary>What may be known about a secret: never its value.</summary>
/// <param name="Length">Size of the value in bytes.</param>
public sealed record SecretMetadata(string Owner, string Name, int Version, int Length, DateTimeOffset CreatedAt);
