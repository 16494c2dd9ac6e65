namespace Governance.Domain.Proposals;

/// <summary>What a proposal would change if accepted. Exactly the fields of its kind are set.</summary>
public sealed record ProposalChange
{
    private ProposalChange(ProposalKind kind, string? memberId)
    {
        Kind = kind;
        MemberId = memberId;
    }

    public ProposalKind Kind { get; }

    /// <summary>The member added, removed or whose roles change; null for a quorum change.</summary>
    public string? MemberId { get; }

    public string? DisplayName { get; private init; }

    public IReadOnlySet<MemberRole>? Roles { get; private init; }

    public IReadOnlyList<MemberPublicKey>? Keys { get; private init; }

    public IReadOnlyList<ExternalIdentity>? ExternalIdentities { get; private init; }

    public QuorumRule? Quorum { get; private init; }

    /// <summary>The service builds a setServiceMeasurements proposal approves (sorted, lowercase hex).</summary>
    public IReadOnlyList<string>? Measurements { get; private init; }

    /// <summary>The share holders and threshold a setRecoveryPolicy proposal sets.</summary>
    public RecoveryPolicy? Recovery { get; private init; }

    public static ProposalChange AddMember(string id, string displayName, IReadOnlySet<MemberRole> roles,
        IReadOnlyList<MemberPublicKey> keys, IReadOnlyList<ExternalIdentity>? externalIdentities = null)
    {
        if (keys.Count == 0 && (externalIdentities?.Count ?? 0) == 0)
        {
            throw DomainException.Invalid("A new member needs at least one public key or external identity to sign in with.",
                new Dictionary<string, string[]> { ["keys"] = ["At least one key is required."] });
        }

        if (keys.Select(k => k.KeyId).Distinct().Count() != keys.Count)
        {
            throw DomainException.Invalid("The same key is listed twice.");
        }

        return new ProposalChange(ProposalKind.AddMember, Members.MemberId.Require(id, "memberId"))
        {
            DisplayName = Member.RequireDisplayName(displayName),
            Roles = roles,
            Keys = keys,
            ExternalIdentities = externalIdentities ?? [],
        };
    }

    public static ProposalChange RemoveMember(string id) =>
        new(ProposalKind.RemoveMember, Members.MemberId.Require(id, "memberId"));

    public static ProposalChange ChangeRoles(string id, IReadOnlySet<MemberRole> roles) =>
        new(ProposalKind.ChangeRoles, Members.MemberId.Require(id, "memberId")) { Roles = roles };

    public static ProposalChange ChangeQuorum(QuorumRule rule) =>
        new(ProposalKind.ChangeQuorum, null) { Quorum = rule };

    /// <summary>Replaces the set of service builds trusted with the key-encryption key: an upgrade is a vote.</summary>
    public static ProposalChange SetServiceMeasurements(IEnumerable<string?>? measurements) =>
        new(ProposalKind.SetServiceMeasurements, null) { Measurements = ServiceMeasurements.RequireSet(measurements) };

    /// <summary>Sets who holds recovery shares of the key-encryption key and how many recover it.</summary>
    public static ProposalChange SetRecoveryPolicy(RecoveryPolicy policy) =>
        new(ProposalKind.SetRecoveryPolicy, null) { Recovery = policy ?? throw new ArgumentNullException(nameof(policy)) };
}
