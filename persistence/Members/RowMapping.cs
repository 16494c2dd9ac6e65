namespace Governance.Persistence.Members;

/// <summary>Converts between stored rows and domain objects; wire spellings (camelCase) are the stored ones too.</summary>
internal static class RowMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Member ToDomain(this MemberRow row) => new(
        row.Id,
        row.DisplayName,
        MemberRoles.ParseSet(row.Roles),
        row.Status == "removed" ? MemberStatus.Removed : MemberStatus.Active,
        row.Keys.OrderBy(k => k.AddedAt).Select(k => new MemberKey(k.KeyId, k.Algorithm, k.PublicJwk, k.AddedAt, k.RemovedAt)),
        row.ExternalIdentities.Select(i => new ExternalIdentity(i.Issuer, i.Subject)),
        row.RecoveryKeyJwk is { } recovery ? MemberPublicKey.FromJwk(recovery) : null);

    public static MemberRow ToRow(this Member member, DateTimeOffset now) => new()
    {
        Id = member.Id,
        DisplayName = member.DisplayName,
        Roles = RolesOf(member),
        Status = StatusOf(member),
        CreatedAt = now,
        RecoveryKeyJwk = member.RecoveryKey?.Jwk,
        RecoveryKeyId = member.RecoveryKey?.KeyId,
        Keys = [.. member.Keys.Select(k => k.ToRow(member.Id))],
        ExternalIdentities = [.. member.ExternalIdentities.Select(i => new ExternalIdentityRow { Issuer = i.Issuer, Subject = i.Subject, MemberId = member.Id })],
    };

    public static MemberKeyRow ToRow(this MemberKey key, string memberId) => new()
    {
        KeyId = key.KeyId,
        MemberId = memberId,
        Algorithm = key.Algorithm,
        PublicJwk = key.PublicJwk,
        AddedAt = key.AddedAt,
        RemovedAt = key.RemovedAt,
    };

    public static string[] RolesOf(Member member) => [.. member.Roles.Order().Select(r => r.ToWire())];

    public static string StatusOf(Member member) => member.IsActive ? "active" : "removed";

    public static Proposal ToDomain(this ProposalRow row) => new(
        row.Id,
        row.ProposerId,
        JsonSerializer.Deserialize<ProposalChangeJson>(row.Change, Json)!.ToDomain(),
        Enum.Parse<ProposalState>(row.State, ignoreCase: true),
        row.CreatedAt,
        row.ClosedAt,
        row.Ballots.OrderBy(b => b.CastAt).Select(b => new Ballot(b.MemberId, Enum.Parse<Vote>(b.Vote, ignoreCase: true), b.CastAt)));

    public static ProposalRow ToRow(this Proposal proposal) => new()
    {
        Id = proposal.Id,
        Kind = proposal.Kind.ToWire(),
        ProposerId = proposal.ProposerId,
        State = proposal.State.ToWire(),
        Change = JsonSerializer.Serialize(ProposalChangeJson.From(proposal.Change), Json),
        CreatedAt = proposal.CreatedAt,
        ClosedAt = proposal.ClosedAt,
        Ballots = [.. proposal.Ballots.Select(b => b.ToRow(proposal.Id))],
    };

    public static BallotRow ToRow(this Ballot ballot, Guid proposalId) => new()
    {
        ProposalId = proposalId,
        MemberId = ballot.MemberId,
        Vote = ballot.Vote.ToWire(),
        CastAt = ballot.CastAt,
    };
}

/// <summary>Stored form of a <see cref="ProposalChange"/>: keys as their public JWKs.</summary>
internal sealed record ProposalChangeJson(
    string Kind,
    string? MemberId,
    string? DisplayName,
    string[]? Roles,
    string[]? Keys,
    ExternalIdentity[]? ExternalIdentities,
    string? Quorum,
    string[]? Measurements = null,
    int? Threshold = null,
    string[]? Holders = null)
{
    public static ProposalChangeJson From(ProposalChange change) => new(
        change.Kind.ToWire(),
        change.MemberId,
        change.DisplayName,
        change.Roles?.Order().Select(r => r.ToWire()).ToArray(),
        change.Keys?.Select(k => k.Jwk).ToArray(),
        change.ExternalIdentities?.ToArray(),
        change.Quorum?.ToWire(),
        change.Measurements?.ToArray(),
        change.Recovery?.Threshold,
        change.Recovery?.Holders.ToArray());

    public ProposalChange ToDomain() => Enum.Parse<ProposalKind>(Kind, ignoreCase: true) switch
    {
        ProposalKind.AddMember => ProposalChange.AddMember(MemberId!, DisplayName!, MemberRoles.ParseSet(Roles),
            [.. (Keys ?? []).Select(MemberPublicKey.Parse)], ExternalIdentities ?? []),
        ProposalKind.RemoveMember => ProposalChange.RemoveMember(MemberId!),
        ProposalKind.ChangeRoles => ProposalChange.ChangeRoles(MemberId!, MemberRoles.ParseSet(Roles)),
        ProposalKind.ChangeQuorum => ProposalChange.ChangeQuorum(QuorumRules.TryParse(Quorum, out var q) ? q : QuorumRule.Majority),
        ProposalKind.SetServiceMeasurements => ProposalChange.SetServiceMeasurements(Measurements),
        ProposalKind.SetRecoveryPolicy => ProposalChange.SetRecoveryPolicy(RecoveryPolicy.Create(Threshold ?? 0, Holders)),
        _ => throw new InvalidOperationException($"Unknown proposal kind '{Kind}'."),
    };
}
