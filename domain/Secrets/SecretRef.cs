namespace Governance.Domain.Secrets;

/// <summary>A secret as contracts name it: its owner and its name.</summary>
public sealed record SecretRef(string Owner, string Name);
