namespace Governance.Domain.Contracts;

/// <summary>
/// A collaboration contract and its lifecycle: Draft → Proposed → Accepted (every party approved the
/// digest) | Rejected | Withdrawn; Accepted → Revoked | Superseded (by an accepted amendment); Expired
/// is computed from validity. Each transition is appended to <see cref="PendingEvents"/> for the store
/// to record with the change.
/// </summary>
public sealed class Contract
{
    private readonly List<ContractApproval> approvals = [];
    private readonly List<ContractConsent> consents = [];
    private readonly List<ContractEvent> pendingEvents = [];

    private Contract(Guid id, int version, Guid? previousVersionId, string proposerId, ContractContent content, DateTimeOffset now)
    {
        Id = id;
        Version = version;
        PreviousVersionId = previousVersionId;
        ProposerId = proposerId;
        State = ContractStateName.Draft;
        CreatedAt = now;
        UpdatedAt = now;
        Content = content;
        Digest = ContractDigest.Compute(content);
        Parties = [.. content.Parties];
        NotAfter = content.Validity.NotAfter?.ToUniversalTime();
    }

    // For the persistence layer's materialisation.
    private Contract()
    {
        ProposerId = "";
        Content = null!;
        Digest = [];
        Parties = [];
    }

    public Guid Id { get; private set; }

    /// <summary>1 for an original contract; each amendment counts one up.</summary>
    public int Version { get; private set; }

    /// <summary>The accepted contract this version amends.</summary>
    public Guid? PreviousVersionId { get; private set; }

    /// <summary>The stored state; <see cref="EffectiveState"/> adds expiry.</summary>
    public ContractStateName State { get; private set; }

    public string ProposerId { get; private set; }

    public ContractContent Content { get; private set; }

    /// <summary>SHA-256 of the canonical content (32 bytes).</summary>
    public byte[] Digest { get; private set; }

    public string DigestHex => Convert.ToHexStringLower(Digest);

    /// <summary>Copy of <c>Content.Parties</c> kept as a column so listings can filter on it.</summary>
    public string[] Parties { get; private set; }

    /// <summary>Copy of <c>Content.Validity.NotAfter</c> kept as a column so listings can filter expired contracts.</summary>
    public DateTimeOffset? NotAfter { get; private set; }

    public int ReleaseCount { get; private set; }

    /// <summary>
    /// Optimistic concurrency token: changes with every change of content, state or approvals. Counting a release
    /// (<see cref="ReleaseCount"/>) leaves it as it is.
    /// </summary>
    public int Revision { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ProposedAt { get; private set; }

    /// <summary>When it was accepted, rejected, withdrawn, revoked or superseded.</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why it was rejected or revoked.</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// The service's signed statement that every party approved <see cref="Digest"/> (see
    /// <c>Governance.Protocol.Contracts.ContractAcceptance</c>); set once, when the contract is accepted.
    /// </summary>
    public string? AcceptanceSeal { get; private set; }

    public IReadOnlyList<ContractApproval> Approvals => approvals;

    public IReadOnlyList<ContractEvent> PendingEvents => pendingEvents;

    /// <summary>Every signed consent change, in sequence order once loaded.</summary>
    public IReadOnlyList<ContractConsent> Consents => consents;

    /// <summary>Where consent stands, from the latest recorded change of each party and switch.</summary>
    public ConsentState Consent => ConsentState.Of(
        Parties,
        [.. consents.GroupBy(c => (c.MemberId, c.Switch)).Select(g => g.MaxBy(c => c.Sequence)!).Select(c => new ConsentSetting(c.MemberId, c.Switch, c.Enabled))],
        consents.Count == 0 ? 0 : consents.Max(c => c.Sequence));

    /// <summary>The attestation policy as written in the content.</summary>
    public AttestationPolicy Policy => ContractPolicy.ToAttestationPolicy(Content.AttestationPolicy);

    /// <summary>The policy evidence is evaluated against: the content's, with the VMPL of the clean room profile.</summary>
    public AttestationPolicy EffectivePolicy => ContractPolicy.EffectiveFor(Content);

    /// <summary>What the release path knows of this contract at <paramref name="now"/>.</summary>
    public Release.ReleaseContract ForRelease(DateTimeOffset now) => Release.ReleaseContract.Of(
        new Release.StoredContract(Id, State, Revision, ReleaseCount, Digest, Parties, NotAfter, AcceptanceSeal, Consent), Content, ContentMatchesDigest(), now);

    public static Contract Create(Guid id, string proposerId, ContractContent content, DateTimeOffset now)
    {
        var contract = new Contract(id, 1, null, proposerId, content, now);
        contract.Record(ContractEventKind.Created, AuditActor.Member(proposerId), now);
        return contract;
    }

    public bool IsParty(string memberId) => Parties.Contains(memberId, StringComparer.Ordinal);

    public ContractStateName EffectiveState(DateTimeOffset now) => EffectiveStateOf(State, NotAfter, now);

    /// <summary>The stored state with expiry applied: an accepted contract past its end is expired.</summary>
    public static ContractStateName EffectiveStateOf(ContractStateName state, DateTimeOffset? notAfter, DateTimeOffset now) =>
        state == ContractStateName.Accepted && notAfter is { } end && now >= end ? ContractStateName.Expired : state;

    public void Edit(string memberId, ContractContent content, DateTimeOffset now)
    {
        RequireProposer(memberId, "edit");
        RequireState("edited", ContractStateName.Draft);
        Content = content;
        Digest = ContractDigest.Compute(content);
        Parties = [.. content.Parties];
        NotAfter = content.Validity.NotAfter?.ToUniversalTime();
        Touch(now);
        Record(ContractEventKind.Edited, AuditActor.Member(memberId), now);
    }

    public void Propose(string memberId, DateTimeOffset now)
    {
        RequireProposer(memberId, "propose");
        RequireState("proposed", ContractStateName.Draft);
        State = ContractStateName.Proposed;
        ProposedAt = now;
        Touch(now);
        Record(ContractEventKind.Proposed, AuditActor.Member(memberId), now);
    }

    /// <summary>
    /// Records a party's approval of <paramref name="digest"/>; returns true when it was the last one and the contract is now
    /// accepted. The last approval of an amendment is refused, and nothing changes, unless the version it amends is still
    /// in force (409) and every one of its parties is still a party (422).
    /// </summary>
    /// <param name="amended">The version this one amends, read under its row lock; null for a first version.</param>
    public bool Approve(string memberId, ReadOnlySpan<byte> digest, ApprovalEvidence evidence, Contract? amended, DateTimeOffset now)
    {
        CheckApprovable(memberId, digest);
        if (Parties.All(p => p == memberId || approvals.Any(a => a.MemberId == p)))
        {
            CheckMayReplace(amended, now);
        }

        approvals.Add(new ContractApproval(Id, memberId, Digest, evidence, now));
        Touch(now);
        Record(ContractEventKind.Approved, AuditActor.Member(memberId), now, evidence.IsUnsigned ? "unsigned" : null);
        if (!Parties.All(p => approvals.Any(a => a.MemberId == p)))
        {
            return false;
        }

        State = ContractStateName.Accepted;
        DecidedAt = now;
        Record(ContractEventKind.Accepted, AuditActor.System, now);
        return true;
    }

    /// <summary>Keeps the service's signed statement of acceptance; only an accepted contract gets one, and only once.</summary>
    public void AttachAcceptanceSeal(string seal)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(seal);
        if (State != ContractStateName.Accepted || AcceptanceSeal is not null)
        {
            throw new InvalidOperationException("Only a newly accepted contract is sealed.");
        }

        AcceptanceSeal = seal;
    }

    /// <summary>
    /// Whether the stored content still hashes to the stored digest. Both are columns anyone with database access can
    /// edit, so a release recomputes this and then checks the digest against the acceptance seal.
    /// </summary>
    public bool ContentMatchesDigest()
    {
        var recomputed = ContractDigest.Compute(Content);
        return recomputed.Length == Digest.Length && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(recomputed, Digest);
    }

    /// <summary>
    /// Whether the stored approvals prove acceptance: the content hashes to the digest, and every party approved that
    /// digest, either unsigned (where the consortium allowed it) or with a signature <paramref name="signatureVerifies"/>.
    /// </summary>
    public bool ApprovalsProveAcceptance(Func<ContractApproval, bool> signatureVerifies)
    {
        ArgumentNullException.ThrowIfNull(signatureVerifies);
        return ContentMatchesDigest() && Parties.All(party => approvals.Any(a =>
            a.MemberId == party
            && a.Digest.Length == Digest.Length
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(a.Digest, Digest)
            && (a.IsUnsigned || signatureVerifies(a))));
    }

    /// <summary>Refuses unless <paramref name="memberId"/> is a party yet to approve this proposed contract's current <paramref name="digest"/>.</summary>
    public void CheckApprovable(string memberId, ReadOnlySpan<byte> digest)
    {
        RequireParty(memberId, "approve");
        RequireState("approved", ContractStateName.Proposed);
        RequireCurrentDigest(digest);
        if (approvals.Any(a => a.MemberId == memberId))
        {
            throw DomainException.Conflict($"Member '{memberId}' has already approved this contract.");
        }
    }

    public void Reject(string memberId, string reason, DateTimeOffset now)
    {
        RequireParty(memberId, "reject");
        RequireState("rejected", ContractStateName.Proposed);
        Decide(ContractStateName.Rejected, ContractEventKind.Rejected, AuditActor.Member(memberId), now, RequireReason(reason));
    }

    public void Withdraw(string memberId, DateTimeOffset now)
    {
        RequireProposer(memberId, "withdraw");
        RequireState("withdrawn", ContractStateName.Draft, ContractStateName.Proposed);
        Decide(ContractStateName.Withdrawn, ContractEventKind.Withdrawn, AuditActor.Member(memberId), now, reason: null);
    }

    /// <summary>Stops releases at once. An expired contract may still be revoked, to make the end explicit.</summary>
    public void Revoke(string memberId, string? reason, DateTimeOffset now)
    {
        RequireParty(memberId, "revoke");
        RequireState("revoked", ContractStateName.Accepted);
        Decide(ContractStateName.Revoked, ContractEventKind.Revoked, AuditActor.Member(memberId), now, string.IsNullOrWhiteSpace(reason) ? null : RequireReason(reason));
    }

    /// <summary>
    /// The consortium removed <paramref name="memberId"/>, or took its member role. A contract it is a party to (or
    /// proposed) cannot go on as agreed: without the member role it can no longer approve, and can no longer revoke
    /// the release of what it brought, so a majority could otherwise take away a party's veto. A draft or proposed
    /// contract is therefore rejected and an accepted one revoked (fail closed); the remaining parties start a new
    /// contract without it. Other states are final and stay as they are.
    /// </summary>
    /// <param name="why">The reason recorded with the decision, e.g. "member 'bob' was removed from the consortium".</param>
    /// <returns>Whether the contract changed.</returns>
    public bool EndBecausePartyLostStanding(string memberId, string why, DateTimeOffset now)
    {
        if (!IsParty(memberId) && memberId != ProposerId)
        {
            return false;
        }

        switch (State)
        {
            case ContractStateName.Draft or ContractStateName.Proposed:
                Decide(ContractStateName.Rejected, ContractEventKind.Rejected, AuditActor.System, now, why);
                return true;
            case ContractStateName.Accepted:
                Decide(ContractStateName.Revoked, ContractEventKind.Revoked, AuditActor.System, now, why);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Starts a new version as a Draft of the caller, with this contract's content; this one stays in force until it is accepted.</summary>
    public Contract Amend(string memberId, Guid newId, DateTimeOffset now)
    {
        RequireParty(memberId, "amend");
        RequireState("amended", ContractStateName.Accepted);
        var amendment = new Contract(newId, Version + 1, Id, memberId, Content, now);
        amendment.Record(ContractEventKind.Created, AuditActor.Member(memberId), now);
        Touch(now);
        Record(ContractEventKind.Amended, AuditActor.Member(memberId), now, $"amendment {newId:D}");
        return amendment;
    }

    /// <summary>Refuses (422) unless this version keeps every party of <paramref name="amended"/>, the version it amends.</summary>
    public void RequireKeepsPartiesOf(Contract amended)
    {
        ArgumentNullException.ThrowIfNull(amended);
        RequireAmends(amended);
        AmendmentParties.Require(amended.Parties, Parties);
    }

    /// <summary>Called when the amendment <paramref name="successor"/> is accepted.</summary>
    public void SupersedeBy(Contract successor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(successor);
        if (successor.PreviousVersionId != Id || successor.State != ContractStateName.Accepted)
        {
            throw new InvalidOperationException("Only an accepted amendment of this contract supersedes it.");
        }

        if (State != ContractStateName.Accepted)
        {
            throw new InvalidOperationException("Only the version in force is superseded; the amendment's acceptance checked that it was.");
        }

        State = ContractStateName.Superseded;
        DecidedAt = now;
        Touch(now);
        Record(ContractEventKind.Superseded, AuditActor.System, now, $"superseded by {successor.Id:D}");
    }

    /// <summary>
    /// Records a party's signed change of one of its own consent switches on an accepted contract. Each party's switch is
    /// its own: a pause is lifted only by the party that set it, and logging or telemetry come on only once every party
    /// turned them on. <paramref name="sequence"/> must be the next one (what the signature covers), so a signed change is
    /// never applied twice; a change that changes nothing is refused, so a party cannot believe it lifted another's pause.
    /// </summary>
    /// <returns>The recorded change.</returns>
    public ContractConsent ChangeConsent(
        string memberId, ConsentSwitch consentSwitch, bool enabled, int sequence, string? reason, ApprovalEvidence evidence, DateTimeOffset now)
    {
        CheckConsentChange(memberId, consentSwitch, enabled, sequence);
        var change = new ContractConsent(Id, sequence, memberId, consentSwitch, enabled,
            string.IsNullOrWhiteSpace(reason) ? null : RequireReason(reason), evidence, now);
        consents.Add(change);
        // A change of what the parties allow: the release path's write, which checks the revision it read, sees it.
        Touch(now);
        return change;
    }

    /// <summary>Refuses unless <paramref name="memberId"/> may make this consent change now (before its signature is checked).</summary>
    public void CheckConsentChange(string memberId, ConsentSwitch consentSwitch, bool enabled, int sequence)
    {
        RequireParty(memberId, "change consent on");
        RequireState("have its consent changed", ContractStateName.Accepted);
        var consent = Consent;
        if (sequence != consent.Sequence + 1)
        {
            throw new DomainException(ErrorKind.Conflict, "Stale consent sequence",
                $"The change must sign consent sequence {consent.Sequence + 1}; read the contract again and sign that.",
                new Dictionary<string, object?> { ["nextSequence"] = consent.Sequence + 1 });
        }

        if (consent.SettingOf(memberId, consentSwitch) == enabled)
        {
            var paused = consentSwitch == ConsentSwitch.Execution && enabled && consent.PausedBy.Count > 0
                ? $" Execution is paused by {string.Join(", ", consent.PausedBy)}; only a party that paused it can resume it."
                : "";
            throw DomainException.Conflict(
                $"Your {consentSwitch.ToWire()} switch is already {(enabled ? "on" : "off")}.{paused}");
        }
    }

    /// <summary>Whether a release may happen now: accepted, not revoked or superseded, within validity, under the release limit.</summary>
    public ReleaseEligibility Check(DateTimeOffset now) => ReleaseEligibility.Of(State, Content.Validity, ReleaseCount, now);

    /// <summary>Counts one release; the caller holds the contract's row lock and has checked eligibility in the same transaction.</summary>
    public void RecordRelease(DateTimeOffset now)
    {
        var eligibility = Check(now);
        if (!eligibility.Allowed)
        {
            throw DomainException.Conflict(eligibility.Detail);
        }

        // A count, not a change of what the parties agreed: the revision (the ETag's basis, and the release path's
        // check that nothing changed between its read and its write) stays, so concurrent releases do not conflict.
        ReleaseCount++;
        UpdatedAt = now;
    }

    /// <summary>Hands the recorded transitions to the store and forgets them.</summary>
    public IReadOnlyList<ContractEvent> DrainEvents()
    {
        var events = pendingEvents.ToList();
        pendingEvents.Clear();
        return events;
    }

    // Accepting an amendment supersedes the version it amends. Were that version no longer in force, it would have been
    // replaced already (two amendments of one version both accepted, a fork in the lineage) or ended by a party (revoked)
    // or by time (expired), and its successor must not bring it back.
    private void CheckMayReplace(Contract? amended, DateTimeOffset now)
    {
        if (PreviousVersionId is null)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(amended);
        RequireAmends(amended);
        var state = amended.EffectiveState(now);
        if (state != ContractStateName.Accepted)
        {
            throw DomainException.Conflict(
                $"Version {amended.Version} ({amended.Id:D}), which this amendment amends, is {state.ToString().ToLowerInvariant()}: no longer in force. "
                + "An amendment is accepted only while the version it amends is in force; amend the version in force instead.");
        }

        AmendmentParties.Require(amended.Parties, Parties);
    }

    private void RequireAmends(Contract amended)
    {
        if (amended.Id != PreviousVersionId)
        {
            throw new InvalidOperationException("That is not the version this contract amends.");
        }
    }

    private void Decide(ContractStateName state, ContractEventKind kind, AuditActor actor, DateTimeOffset now, string? reason)
    {
        State = state;
        Reason = reason;
        DecidedAt = now;
        Touch(now);
        Record(kind, actor, now, reason);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Revision++;
    }

    private void Record(ContractEventKind kind, AuditActor actor, DateTimeOffset now, string? reason = null) =>
        pendingEvents.Add(new ContractEvent(Id, kind, actor, now, Digest, reason));

    private void RequireProposer(string memberId, string action)
    {
        if (memberId != ProposerId)
        {
            throw DomainException.Forbidden($"Only the proposer ('{ProposerId}') may {action} this contract.");
        }
    }

    private void RequireParty(string memberId, string action)
    {
        if (!IsParty(memberId))
        {
            throw DomainException.Forbidden($"Only a party may {action} this contract.");
        }
    }

    private void RequireState(string action, params ContractStateName[] allowed)
    {
        if (!allowed.Contains(State))
        {
            var expected = string.Join(" or ", allowed.Select(s => s.ToString().ToLowerInvariant()));
            throw DomainException.Conflict($"The contract is {State.ToString().ToLowerInvariant()}; only a {expected} contract can be {action}.");
        }
    }

    private void RequireCurrentDigest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Digest.Length || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(digest, Digest))
        {
            throw new DomainException(ErrorKind.Conflict, "Stale digest",
                $"The approval names another digest than the contract's current one ({DigestHex}); review the current content and approve that.",
                new Dictionary<string, object?> { ["currentDigest"] = DigestHex });
        }
    }

    private static string RequireReason(string? reason) =>
        !string.IsNullOrWhiteSpace(reason) && reason.Length <= 2000
            ? reason.Trim()
            : throw DomainException.Invalid("A reason is required (at most 2000 characters).",
                new Dictionary<string, string[]> { ["reason"] = ["Required, at most 2000 characters."] });
}
