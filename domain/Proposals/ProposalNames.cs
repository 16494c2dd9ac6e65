namespace Governance.Domain.Proposals;

/// <summary>How proposals' states, kinds and votes are spelt on the wire, in rows and in audit entries (camelCase).</summary>
public static class ProposalNames
{
    public static string ToWire(this ProposalState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    public static string ToWire(this ProposalKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    public static string ToWire(this Vote vote) => JsonNamingPolicy.CamelCase.ConvertName(vote.ToString());
}
