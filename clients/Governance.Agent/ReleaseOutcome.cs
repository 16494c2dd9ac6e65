namespace Governance.Agent;

/// <summary>What a granted release left in the output folder.</summary>
/// <param name="Receipt">The receipt's payload, its signature checked with the service's receipt key.</param>
/// <param name="Files">Every file written, relative to the output folder.</param>
public sealed record ReleaseOutcome(
    string ContractId,
    string OutputDirectory,
    string EvidenceSource,
    string WrappingKeyThumbprint,
    ReleaseReceipt Receipt,
    IReadOnlyList<ReleasedItem> Items,
    IReadOnlyList<string> Files);

/// <param name="Kind"><c>secret</c>, <c>dataset-key</c> or <c>dataset-credential</c>.</param>
/// <param name="Length">Bytes of plaintext written.</param>
public sealed record ReleasedItem(string Kind, string Owner, string Name, string File, int Length);
