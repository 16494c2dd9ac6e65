namespace Governance.Protocol.Contracts;

/// <summary>
/// The payload of a contract's acceptance seal: a compact JWS (ES256, header <c>typ</c> = <see cref="Type"/>, <c>kid</c> =
/// RFC 7638 thumbprint of the service receipt key published at <c>GET /keys</c>) that the service signs the moment the
/// last party approves. A release checks the seal against the digest it recomputes from the stored content, so an edit
/// of the stored contract (content, digest or both) stops releases instead of changing what is released.
/// </summary>
/// <param name="ContractId">The contract, lowercase with dashes.</param>
/// <param name="ContractDigest">Lowercase hex SHA-256 of the canonical content every party approved.</param>
/// <param name="Parties">The parties whose approvals made it accepted.</param>
/// <param name="AcceptedAt">When the last approval arrived.</param>
public sealed record ContractAcceptance(string ContractId, string ContractDigest, IReadOnlyList<string> Parties, DateTimeOffset AcceptedAt)
{
    public const string Type = "governance-contract-acceptance-v1";
}
