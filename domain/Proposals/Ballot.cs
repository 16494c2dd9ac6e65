namespace Governance.Domain.Proposals;

/// <summary>One member's vote on one proposal; kept for the record.</summary>
public sealed record Ballot(string MemberId, Vote Vote, DateTimeOffset CastAt);
