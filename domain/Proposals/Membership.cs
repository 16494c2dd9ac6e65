namespace Governance.Domain.Proposals;

/// <summary>
/// The consortium as proposals see it: every member (active or removed), the quorum rule, and what it decided about
/// the service's custody of its key-encryption key (approved service builds, recovery share holders).
/// </summary>
public sealed class Membership(IReadOnlyList<Member> members, QuorumRule quorum, ServiceCustodyRules? custody = null)
{
    private readonly List<Member> roll = [.. members];

    public IReadOnlyList<Member> Members => roll;

    public QuorumRule Quorum { get; private set; } = quorum;

    public ServiceCustodyRules Custody { get; private set; } = custody ?? ServiceCustodyRules.None;

    public IEnumerable<Member> Voters => Members.Where(m => m.IsVoter);

    public int VoterCount => Voters.Count();

    public Member? Find(string id) => Members.FirstOrDefault(m => m.Id == id);

    public bool IsVoter(string id) => Find(id)?.IsVoter == true;

    /// <summary>
    /// Refuses a change that could never be applied, before anyone votes on it. Keys and external identities are in use
    /// when any member, removed ones included, holds them; a key is in use as someone's recovery key too.
    /// </summary>
    public void EnsureApplicable(ProposalChange change) => EnsureApplicable(change, KeyIdsInUse(), Members.SelectMany(m => m.ExternalIdentities));

    /// <summary>Refuses a change that could never be applied, before anyone votes on it.</summary>
    public void EnsureApplicable(ProposalChange change, IEnumerable<string> keyIdsInUse, IEnumerable<ExternalIdentity> identitiesInUse)
    {
        switch (change.Kind)
        {
            case ProposalKind.AddMember:
                if (Find(change.MemberId!) is not null)
                {
                    throw DomainException.Conflict($"A member '{change.MemberId}' exists or existed; member ids are never reused.");
                }

                EnsureRegistrable(change.Keys!, keyIdsInUse);

                var usedIdentities = identitiesInUse.ToHashSet();
                if (change.ExternalIdentities!.FirstOrDefault(usedIdentities.Contains) is { } taken)
                {
                    throw DomainException.Conflict($"The external identity ({taken.Issuer}, {taken.Subject}) already maps to a member.");
                }

                break;
            case ProposalKind.RemoveMember:
                var removed = RequireActive(change.MemberId!);
                if (removed.IsVoter && VoterCount == 1)
                {
                    throw DomainException.Invalid("The last voting member cannot be removed.");
                }

                break;
            case ProposalKind.ChangeRoles:
                var changed = RequireActive(change.MemberId!);
                if (changed.Roles.SetEquals(change.Roles!))
                {
                    throw DomainException.Invalid($"Member '{changed.Id}' already has exactly these roles.");
                }

                if (changed.IsVoter && !change.Roles!.Contains(MemberRole.Member) && VoterCount == 1)
                {
                    throw DomainException.Invalid("The last voting member cannot lose the member role.");
                }

                break;
            case ProposalKind.ChangeQuorum:
                if (change.Quorum == Quorum)
                {
                    throw DomainException.Invalid($"The quorum rule is already {Quorum.ToWire()}.");
                }

                break;
            case ProposalKind.SetServiceMeasurements:
                if (ServiceMeasurements.SameSet(change.Measurements!, Custody.Measurements))
                {
                    throw DomainException.Invalid("Exactly these service measurements are approved already.");
                }

                break;
            case ProposalKind.SetRecoveryPolicy:
                EnsureHoldersCanReceive(change.Recovery!);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change));
        }
    }

    /// <summary>
    /// Enacts an accepted proposal: applies its change and drops every other open proposal, since each
    /// was voted under the membership or rule that just changed.
    /// </summary>
    public Enactment Enact(Proposal accepted, IEnumerable<Proposal> open, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.State != ProposalState.Accepted)
        {
            throw new InvalidOperationException("Only an accepted proposal is enacted.");
        }

        var created = Apply(accepted.Change, now);
        var dropped = new List<Proposal>();
        foreach (var other in open.Where(p => p.Id != accepted.Id && p.IsOpen))
        {
            other.Drop(now);
            dropped.Add(other);
        }

        var changed = accepted.Change.MemberId is { } id && created is null ? Find(id) : null;
        var quorum = accepted.Kind == ProposalKind.ChangeQuorum ? Quorum : (QuorumRule?)null;
        var custody = accepted.Kind is ProposalKind.SetServiceMeasurements or ProposalKind.SetRecoveryPolicy ? Custody : null;
        return new Enactment(accepted, created, changed, quorum, dropped) { Custody = custody };
    }

    /// <summary>Applies an accepted change. A member it creates joins the roll and is returned.</summary>
    internal Member? Apply(ProposalChange change, DateTimeOffset now)
    {
        switch (change.Kind)
        {
            case ProposalKind.AddMember:
                // A key named when proposed may have been registered since, by anyone: the ballot that would enact
                // the proposal is refused rather than giving one key two owners.
                EnsureRegistrable(change.Keys!, KeyIdsInUse());
                var added = new Member(change.MemberId!, change.DisplayName!, change.Roles!, MemberStatus.Active,
                    change.Keys!.Select(k => MemberKey.From(k, now)), change.ExternalIdentities!);
                roll.Add(added);
                return added;
            case ProposalKind.RemoveMember:
                RequireActive(change.MemberId!).Remove();
                return null;
            case ProposalKind.ChangeRoles:
                RequireActive(change.MemberId!).ChangeRoles(change.Roles!);
                return null;
            case ProposalKind.ChangeQuorum:
                Quorum = change.Quorum!.Value;
                return null;
            case ProposalKind.SetServiceMeasurements:
                Custody = Custody with { Measurements = change.Measurements! };
                return null;
            case ProposalKind.SetRecoveryPolicy:
                EnsureHoldersCanReceive(change.Recovery!);
                Custody = Custody with { Recovery = change.Recovery };
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(change));
        }
    }

    /// <summary>
    /// The first confidential instance, making the key-encryption key while no build is approved, approves its own:
    /// someone must hold the key before anyone can vote on who else may.
    /// </summary>
    public void ApproveFirstBuild(string measurement)
    {
        if (Custody.Measurements.Count > 0)
        {
            throw new InvalidOperationException("Service builds are approved already; only a proposal changes them.");
        }

        Custody = Custody with { Measurements = [ServiceMeasurements.Require(measurement)] };
    }

    /// <summary>
    /// Every holder is an active member with a recovery key to encrypt its share to; checked when proposed and again
    /// when enacted, since a holder may leave or never register a key meanwhile.
    /// </summary>
    private void EnsureHoldersCanReceive(RecoveryPolicy policy)
    {
        if (policy.Equals(Custody.Recovery))
        {
            throw DomainException.Invalid($"The recovery policy is already {policy}.");
        }

        foreach (var holder in policy.Holders)
        {
            if (RequireActive(holder).RecoveryKey is null)
            {
                throw DomainException.Conflict($"Member '{holder}' has no recovery key to encrypt a share to; it registers one with PUT /members/me/recovery-key.");
            }
        }
    }

    /// <summary>Every key id registered, as a sign-in key (removed ones included) or as a recovery key.</summary>
    private IEnumerable<string> KeyIdsInUse() =>
        Members.SelectMany(m => m.Keys.Select(k => k.KeyId).Concat(m.RecoveryKey is { } recovery ? [recovery.KeyId] : []));

    /// <summary>The keys a new member would hold: no more than a member may hold, and none registered already.</summary>
    private static void EnsureRegistrable(IReadOnlyList<MemberPublicKey> keys, IEnumerable<string> keyIdsInUse)
    {
        if (keys.Count > Member.MaxActiveKeys)
        {
            throw DomainException.Invalid($"A member holds at most {Member.MaxActiveKeys} active sign-in keys; this proposal names {keys.Count}.",
                new Dictionary<string, string[]> { ["keys"] = [$"At most {Member.MaxActiveKeys} keys."] });
        }

        var used = keyIdsInUse.ToHashSet(StringComparer.Ordinal);
        if (keys.FirstOrDefault(k => used.Contains(k.KeyId)) is { } taken)
        {
            throw DomainException.Conflict($"Key '{taken.KeyId}' is already registered to a member, as a sign-in or recovery key.");
        }
    }

    private Member RequireActive(string id)
    {
        var member = Find(id) ?? throw DomainException.NotFound("member", id);
        return member.IsActive ? member : throw DomainException.Conflict($"Member '{id}' has been removed.");
    }
}
