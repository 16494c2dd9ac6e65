namespace Governance.Domain.Proposals;

/// <summary>How many of the voters must approve a membership proposal.</summary>
public enum QuorumRule
{
    /// <summary>More than half of the voters approve; decided as soon as the outcome can no longer change.</summary>
    Majority,

    /// <summary>Every voter approves; one rejection rejects.</summary>
    Unanimity,
}

public static class QuorumRules
{
    public static string ToWire(this QuorumRule rule) => rule == QuorumRule.Majority ? "majority" : "unanimity";

    public static bool TryParse(string? value, out QuorumRule rule)
    {
        switch (value)
        {
            case "majority": rule = QuorumRule.Majority; return true;
            case "unanimity": rule = QuorumRule.Unanimity; return true;
            default: rule = default; return false;
        }
    }

    /// <summary>The state ballots lead to: Accepted, Rejected, or still Open.</summary>
    public static ProposalState Evaluate(this QuorumRule rule, int voters, int approvals, int rejections)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(approvals);
        ArgumentOutOfRangeException.ThrowIfNegative(rejections);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(approvals + rejections, voters);
        var needed = rule == QuorumRule.Majority ? voters / 2 + 1 : voters;
        if (voters > 0 && approvals >= needed)
        {
            return ProposalState.Accepted;
        }

        // Decided as rejected once the remaining voters cannot bring approvals up to the quorum.
        return voters - rejections < needed ? ProposalState.Rejected : ProposalState.Open;
    }
}
