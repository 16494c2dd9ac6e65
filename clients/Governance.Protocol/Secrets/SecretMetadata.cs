namespace Governance.Protocol.Secrets;

/// <summary>What may be known about a secret: never its value.</summary>
/// <param name="Owner">The member who owns it.</param>
/// <param name="Name">Its name in the owner's namespace.</param>
/// <param name="Version">1 for the first value, one more for each later one.</param>
/// <param name="Length">Size of the value in bytes.</param>
/// <param name="CreatedAt">When this version was stored.</param>
public sealed record SecretMetadata(string Owner, string Name, int Version, int Length, DateTimeOffset CreatedAt);
