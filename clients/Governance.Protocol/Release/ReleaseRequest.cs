namespace Governance.Protocol.Release;

/// <summary>A clean room asks for its contract's secrets, with fresh evidence bound to the nonce and its wrapping key.</summary>
public sealed record ReleaseRequest(string ContractId, string Nonce, ReleaseEvidence Evidence, WrappingKey WrappingKey);
