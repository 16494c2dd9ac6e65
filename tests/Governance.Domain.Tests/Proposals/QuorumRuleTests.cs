using Governance.Domain.Proposals;

namespace Governance.Domain.Tests.Proposals;

public sealed class QuorumRuleTests
{
    [Theory]
    [InlineData(1, 1, 0, ProposalState.Accepted)]
    [InlineData(1, 0, 1, ProposalState.Rejected)]
    [InlineData(2, 1, 0, ProposalState.Open)]
    [InlineData(2, 2, 0, ProposalState.Accepted)]
    [InlineData(2, 0, 1, ProposalState.Rejected)]
    [InlineData(3, 2, 0, ProposalState.Accepted)]
    [InlineData(3, 1, 1, ProposalState.Open)]
    [InlineData(3, 0, 2, ProposalState.Rejected)]
    [InlineData(4, 2, 2, ProposalState.Rejected)]
    [InlineData(4, 2, 1, ProposalState.Open)]
    [InlineData(4, 3, 0, ProposalState.Accepted)]
    public void Majority_needs_more_than_half(int voters, int approvals, int rejections, ProposalState expected) =>
        Assert.Equal(expected, QuorumRule.Majority.Evaluate(voters, approvals, rejections));

    [Theory]
    [InlineData(3, 2, 0, ProposalState.Open)]
    [InlineData(3, 3, 0, ProposalState.Accepted)]
    [InlineData(3, 2, 1, ProposalState.Rejected)]
    [InlineData(3, 0, 1, ProposalState.Rejected)]
    public void Unanimity_needs_everyone(int voters, int approvals, int rejections, ProposalState expected) =>
        Assert.Equal(expected, QuorumRule.Unanimity.Evaluate(voters, approvals, rejections));

    [Fact]
    public void More_ballots_than_voters_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuorumRule.Majority.Evaluate(2, 2, 1));
}
