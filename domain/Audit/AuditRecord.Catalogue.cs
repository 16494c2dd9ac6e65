namespace Governance.Domain.Audit;

/// <summary>One typed constructor per action of <see cref="AuditActions"/>: the only places entries are shaped.</summary>
public sealed partial record AuditRecord
{
    public static AuditRecord ConsortiumFounded(Genesis genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        return new(AuditActor.System, AuditActions.ConsortiumGenesis, [.. genesis.Members.Select(m => AuditSubjects.Member(m.Id))], AuditOutcome.Succeeded,
            new JsonObject
            {
                ["consortium"] = genesis.ConsortiumName,
                ["membershipQuorum"] = genesis.Rules.MembershipQuorum.ToWire(),
                ["allowUnsignedApprovalsForExternalIdentities"] = genesis.Rules.AllowUnsignedApprovalsForExternalIdentities,
                ["members"] = new JsonArray([.. genesis.Members.Select(m => (JsonNode)MemberDetails(m))]),
            });
    }

    public static AuditRecord QuorumChanged(AuditActor actor, Guid proposalId, QuorumRule quorum) =>
        new(actor, AuditActions.ConsortiumQuorumChanged, [AuditSubjects.Proposal(proposalId)], AuditOutcome.Succeeded,
            new JsonObject { ["membershipQuorum"] = quorum.ToWire() });

    public static AuditRecord ProposalOpened(string proposerId, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var change = proposal.Change;
        var details = new JsonObject { ["kind"] = change.Kind.ToWire() };
        if (change.Roles is not null)
        {
            details["roles"] = new JsonArray([.. change.Roles.Order().Select(r => JsonValue.Create(r.ToWire()))]);
        }

        if (change.Keys is not null)
        {
            details["keyIds"] = new JsonArray([.. change.Keys.Select(k => JsonValue.Create(k.KeyId))]);
        }

        if (change.Quorum is { } quorum)
        {
            details["membershipQuorum"] = quorum.ToWire();
        }

        return new(AuditActor.Member(proposerId), AuditActions.ProposalOpened, ProposalSubjects(proposal), AuditOutcome.Succeeded, details);
    }

    public static AuditRecord BallotCast(AuditActor voter, Proposal proposal, Vote vote) =>
        new(voter, AuditActions.ProposalBallotCast, ProposalSubjects(proposal), AuditOutcome.Succeeded, new JsonObject { ["vote"] = vote.ToWire() });

    /// <summary><c>proposal.accepted</c>, <c>.rejected</c>, <c>.withdrawn</c> or <c>.superseded</c>, by the proposal's closing state.</summary>
    public static AuditRecord ProposalClosed(AuditActor actor, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return new(actor, AuditActions.ProposalClosedPrefix + proposal.State.ToWire(), ProposalSubjects(proposal), AuditOutcome.Succeeded,
            new JsonObject { ["kind"] = proposal.Change.Kind.ToWire() });
    }

    public static AuditRecord MemberAdded(AuditActor actor, Guid proposalId, Member member) =>
        new(actor, AuditActions.MemberAdded, [AuditSubjects.Member(member.Id), AuditSubjects.Proposal(proposalId)], AuditOutcome.Succeeded, MemberDetails(member));

    /// <summary>A member removed, or its roles changed, with the contracts that ended because it lost the member role.</summary>
    public static AuditRecord MemberStandingChanged(AuditActor actor, Guid proposalId, Member member, bool removed, IReadOnlyList<Guid>? contractsEnded)
    {
        ArgumentNullException.ThrowIfNull(member);
        var details = new JsonObject { ["roles"] = new JsonArray([.. member.Roles.Order().Select(r => JsonValue.Create(r.ToWire()))]) };
        if (contractsEnded is not null)
        {
            details["contractsEnded"] = new JsonArray([.. contractsEnded.Select(c => JsonValue.Create(c.ToString("D")))]);
        }

        return new(actor, removed ? AuditActions.MemberRemoved : AuditActions.MemberRolesChanged,
            [AuditSubjects.Member(member.Id), AuditSubjects.Proposal(proposalId)], AuditOutcome.Succeeded, details);
    }

    public static AuditRecord MemberKeyAdded(string memberId, MemberKey key) =>
        new(AuditActor.Member(memberId), AuditActions.MemberKeyAdded, [AuditSubjects.Member(memberId), AuditSubjects.Key(key.KeyId)], AuditOutcome.Succeeded,
            new JsonObject { ["algorithm"] = key.Algorithm });

    public static AuditRecord MemberKeyRemoved(string memberId, string keyId) =>
        new(AuditActor.Member(memberId), AuditActions.MemberKeyRemoved, [AuditSubjects.Member(memberId), AuditSubjects.Key(keyId)], AuditOutcome.Succeeded);

    /// <summary>One recorded transition of a contract, <c>contract.{kind}</c>, by whoever caused it.</summary>
    public static AuditRecord ContractTransition(Contract contract, ContractEvent transition)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(transition);
        var details = new JsonObject
        {
            ["contractId"] = contract.Id.ToString("D"),
            ["version"] = contract.Version,
            ["digest"] = Convert.ToHexStringLower(transition.Digest),
            ["state"] = contract.State.ToString().ToLowerInvariant(),
        };
        if (transition.Reason is not null)
        {
            details["reason"] = transition.Reason;
        }

        List<string> subjects = [AuditSubjects.Contract(contract.Id)];
        if (contract.PreviousVersionId is { } previous && transition.Kind == ContractEventKind.Created)
        {
            subjects.Add(AuditSubjects.Contract(previous));
        }

        return new(transition.By, AuditActions.ContractTransitionPrefix + transition.Kind.ToString().ToLowerInvariant(), subjects, AuditOutcome.Succeeded, details);
    }

    /// <summary>Metadata of the new version only; the value never enters the log.</summary>
    /// <param name="digest">The digest as the caller sent it (bounded like any detail), not the contract's.</param>
    /// <param name="status">The answer the caller got: 409 or 422.</param>
    public static AuditRecord ContractApprovalRefused(string memberId, Guid contractId, string? digest, int status, string reason) =>
        new(AuditActor.Member(memberId), AuditActions.ContractApprovalRefused, [AuditSubjects.Contract(contractId), AuditSubjects.Member(memberId)],
            AuditOutcome.Denied, new JsonObject
            {
                ["contractId"] = contractId.ToString("D"),
                ["digest"] = digest,
                ["status"] = status,
                ["reason"] = reason,
            });

    /// <param name="contractId">The draft edited; none when the content was refused on creation.</param>
    /// <param name="errors">Each JSON path of the content with what is wrong there, as the caller was answered.</param>
    /// <param name="omittedErrors">Faults the refusal counted but did not list; recorded only when there are any.</param>
    public static AuditRecord ContractContentRejected(string memberId, Guid? contractId, IReadOnlyDictionary<string, string[]> errors, int omittedErrors = 0)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var details = new JsonObject();
        foreach (var (path, messages) in errors)
        {
            details[path] = new JsonArray([.. messages.Select(m => JsonValue.Create(m))]);
        }

        return new(AuditActor.Member(memberId), AuditActions.ContractContentRejected,
            contractId is { } id ? [AuditSubjects.Contract(id), AuditSubjects.Member(memberId)] : [AuditSubjects.Member(memberId)],
            AuditOutcome.Denied, omittedErrors > 0
                ? new JsonObject { ["contractId"] = contractId?.ToString("D"), ["errors"] = details, ["omittedErrors"] = omittedErrors }
                : new JsonObject { ["contractId"] = contractId?.ToString("D"), ["errors"] = details });
    }

    /// <param name="operation">The operation refused, as its method and route template (not the path as sent).</param>
    public static AuditRecord RoleRefused(string memberId, string operation, IReadOnlyList<string> requiredRoles)
    {
        ArgumentNullException.ThrowIfNull(requiredRoles);
        return new(AuditActor.Member(memberId), AuditActions.RoleRefused, [AuditSubjects.Member(memberId)], AuditOutcome.Denied, new JsonObject
        {
            ["operation"] = operation,
            ["requiredRoles"] = new JsonArray([.. requiredRoles.Select(r => JsonValue.Create(r))]),
        });
    }

    public static AuditRecord SecretCreated(AuditActor actor, string owner, string name, int version, int length, string backend) =>
        new(actor, AuditActions.SecretCreated, SecretSubjects(owner, name), AuditOutcome.Succeeded,
            new JsonObject { ["owner"] = owner, ["name"] = name, ["version"] = version, ["length"] = length, ["backend"] = backend });

    public static AuditRecord SecretDeleted(AuditActor actor, string owner, string name, int versions) =>
        new(actor, AuditActions.SecretDeleted, SecretSubjects(owner, name), AuditOutcome.Succeeded,
            new JsonObject { ["owner"] = owner, ["name"] = name, ["versions"] = versions });

    /// <param name="keys"><c>dataKeys</c> or <c>signingKeys</c>.</param>
    public static AuditRecord SecretsRewrapped(AuditActor actor, string keyEncryptionKey, string keys, int rewrapped) =>
        new(actor, AuditActions.SecretsRewrapped, [AuditSubjects.Secrets], AuditOutcome.Succeeded,
            new JsonObject { ["keyEncryptionKey"] = keyEncryptionKey, ["keys"] = keys, ["rewrapped"] = rewrapped });

    /// <param name="purpose"><c>treeHeads</c> or <c>receipts</c>.</param>
    public static AuditRecord ServiceSigningKeyRotated(AuditActor actor, string purpose, string keyId, string? previousKeyId) =>
        new(actor, AuditActions.ServiceSigningKeyRotated, [AuditSubjects.ServiceKey(keyId)], AuditOutcome.Succeeded,
            new JsonObject { ["purpose"] = purpose, ["keyId"] = keyId, ["previousKeyId"] = previousKeyId });

    /// <param name="vm">The clean room, named by the digest of its verified claims.</param>
    /// <param name="released">What left the service, as the receipt names it.</param>
    /// <param name="versions">The exact version of each secret sent, as the receipt names it.</param>
    public static AuditRecord ReleaseGranted(
        AuditActor vm, ReleaseContract contract, string evidenceType, string claimsDigest, JsonObject claims, string wrappingKeyThumbprint, IReadOnlyList<string> released,
        IReadOnlyList<(string Item, int Version)> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(claims);
        return new(vm, AuditActions.ReleaseGranted, ContractSubjects(contract), AuditOutcome.Succeeded, new JsonObject
        {
            ["contractId"] = contract.Id,
            ["contractDigest"] = contract.Digest,
            ["evidenceType"] = evidenceType,
            ["claimsDigest"] = claimsDigest,
            ["claims"] = claims.DeepClone(),
            ["wrappingKeyThumbprint"] = wrappingKeyThumbprint,
            ["released"] = new JsonArray([.. released.Select(r => JsonValue.Create(r))]),
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["item"] = v.Item, ["version"] = v.Version })]),
        });
    }

    /// <param name="requester">The clean room when its evidence verified, anonymous otherwise.</param>
    /// <param name="contractId">The contract id as requested (validated before it gets here).</param>
    /// <param name="contract">The contract, when one by that id exists.</param>
    public static AuditRecord ReleaseDenied(
        AuditActor requester, string contractId, ReleaseContract? contract, string evidenceType, string? claimsDigest, JsonObject? claims,
        IReadOnlyList<ReleaseFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return new(requester, AuditActions.ReleaseDenied, contract is null ? [AuditSubjects.Contract(contractId)] : ContractSubjects(contract), AuditOutcome.Denied,
            new JsonObject
            {
                ["contractId"] = contractId,
                ["contractDigest"] = contract?.Digest,
                ["evidenceType"] = evidenceType,
                ["claimsDigest"] = claimsDigest,
                ["claims"] = claims?.DeepClone(),
                ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)new JsonObject
                {
                    ["rule"] = f.Rule,
                    ["detail"] = f.Detail,
                    ["expected"] = f.Expected,
                    ["actual"] = f.Actual,
                })]),
            });
    }

    public static AuditRecord ContractTamperingDetected(ReleaseContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new(AuditActor.System, AuditActions.ContractTamperingDetected, ContractSubjects(contract), AuditOutcome.Failed, new JsonObject
        {
            ["contractId"] = contract.Id,
            ["storedDigest"] = contract.Digest,
            ["contentMatchesDigest"] = contract.ContentMatchesDigest,
            ["sealed"] = contract.AcceptanceSeal is not null,
        });
    }

    /// <param name="change">The signed change, as recorded.</param>
    /// <param name="consent">Where consent stands after it.</param>
    public static AuditRecord ContractConsentChanged(ContractConsent change, ConsentState consent)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(consent);
        return new(AuditActor.Member(change.MemberId), AuditActions.ContractConsentChanged,
            [AuditSubjects.Contract(change.ContractId), AuditSubjects.Member(change.MemberId)], AuditOutcome.Succeeded, new JsonObject
            {
                ["contractId"] = change.ContractId.ToString("D"),
                ["switch"] = change.Switch.ToWire(),
                ["enabled"] = change.Enabled,
                ["sequence"] = change.Sequence,
                ["reason"] = change.Reason,
                ["keyId"] = change.KeyId,
                ["signature"] = change.Signature,
                ["execution"] = consent.Execution,
                ["pausedBy"] = new JsonArray([.. consent.PausedBy.Select(p => JsonValue.Create(p))]),
                ["logging"] = consent.Logging,
                ["telemetry"] = consent.Telemetry,
            });
    }

    /// <param name="cleanRoom">The clean room, named by the digest of the claims it was released on.</param>
    /// <param name="contractId">The contract it was released under.</param>
    /// <param name="parties">The contract's parties, so each sees the entry.</param>
    /// <param name="wrappingKeyThumbprint">The key bound at release that signed the event.</param>
    /// <param name="type">The event's type.</param>
    /// <param name="attributes">The event's attributes, as sent (bounded where the entry is appended).</param>
    /// <param name="receivedAt">When the service received it: the event's timestamp.</param>
    public static AuditRecord CleanRoomEventReported(
        AuditActor cleanRoom, Guid contractId, IReadOnlyList<string> parties, string wrappingKeyThumbprint, string type, JsonObject attributes, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(attributes);
        return new(cleanRoom, AuditActions.CleanRoomEvent,
            [AuditSubjects.Contract(contractId), .. parties.Select(AuditSubjects.Member)], AuditOutcome.Succeeded, new JsonObject
            {
                ["contractId"] = contractId.ToString("D"),
                ["wrappingKeyThumbprint"] = wrappingKeyThumbprint,
                ["type"] = type,
                ["attributes"] = attributes.DeepClone(),
                ["receivedAt"] = receivedAt.ToString("O"),
            });
    }

    /// <param name="claimedMember">The member id the refused token claimed (unverified), if it named one.</param>
    /// <param name="clientAddress">Where the requests came from.</param>
    public static AuditRecord SignInFailures(
        string reason, string? claimedMember, string? clientAddress, int count, DateTimeOffset windowStart, DateTimeOffset windowEnd) =>
        new(AuditActor.Anonymous, AuditActions.SignInFailed, claimedMember is null ? [] : [AuditSubjects.Member(claimedMember)], AuditOutcome.Denied, new JsonObject
        {
            ["reason"] = reason,
            ["claimedMember"] = claimedMember,
            ["clientAddress"] = clientAddress,
            ["count"] = count,
            ["windowStart"] = windowStart.ToString("O"),
            ["windowEnd"] = windowEnd.ToString("O"),
        });

    private static string[] ProposalSubjects(Proposal proposal) =>
        proposal.Change.MemberId is { } member ? [AuditSubjects.Proposal(proposal.Id), AuditSubjects.Member(member)] : [AuditSubjects.Proposal(proposal.Id)];

    private static string[] ContractSubjects(ReleaseContract contract) =>
        [AuditSubjects.Contract(contract.Id), .. contract.Parties.Select(AuditSubjects.Member)];

    private static string[] SecretSubjects(string owner, string name) => [AuditSubjects.Secret(owner, name), AuditSubjects.Member(owner)];

    private static JsonObject MemberDetails(Member member) => new()
    {
        ["id"] = member.Id,
        ["roles"] = new JsonArray([.. member.Roles.Order().Select(r => JsonValue.Create(r.ToWire()))]),
        ["keyIds"] = new JsonArray([.. member.Keys.Select(k => JsonValue.Create(k.KeyId))]),
        ["externalIdentities"] = member.ExternalIdentities.Count,
    };
}
