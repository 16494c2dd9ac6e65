namespace Governance.Api.Endpoints;

/// <summary>Domain ⇄ wire for members and proposals.</summary>
internal static class MemberMapping
{
    public static MemberResponse ToResponse(this Member member) => new()
    {
        Id = member.Id,
        DisplayName = member.DisplayName,
        Roles = [.. member.Roles.Order().Select(r => r.ToWire())],
        Status = member.IsActive ? "active" : "removed",
        Keys = [.. member.Keys.Select(ToResponse)],
        ExternalIdentities = [.. member.ExternalIdentities.Select(i => new ExternalIdentityDto { Issuer = i.Issuer, Subject = i.Subject })],
    };

    public static MemberKeyResponse ToResponse(this MemberKey key) => new()
    {
        KeyId = key.KeyId,
        Algorithm = key.Algorithm,
        PublicJwk = JsonDocument.Parse(key.PublicJwk).RootElement.Clone(),
        AddedAt = key.AddedAt,
        RemovedAt = key.RemovedAt,
    };

    public static ProposalResponse ToResponse(this Proposal proposal) => new()
    {
        Id = proposal.Id,
        Kind = (ProposalKindDto)(int)proposal.Kind,
        ProposerId = proposal.ProposerId,
        State = (ProposalStateDto)(int)proposal.State,
        Change = new ProposalChangeDto
        {
            MemberId = proposal.Change.MemberId,
            DisplayName = proposal.Change.DisplayName,
            Roles = proposal.Change.Roles?.Order().Select(r => r.ToWire()).ToList(),
            KeyIds = proposal.Change.Keys?.Select(k => k.KeyId).ToList(),
            ExternalIdentities = proposal.Change.ExternalIdentities?.Select(i => new ExternalIdentityDto { Issuer = i.Issuer, Subject = i.Subject }).ToList(),
            Quorum = proposal.Change.Quorum?.ToWire(),
            Measurements = proposal.Change.Measurements,
            Threshold = proposal.Change.Recovery?.Threshold,
            Holders = proposal.Change.Recovery?.Holders,
        },
        CreatedAt = proposal.CreatedAt,
        ClosedAt = proposal.ClosedAt,
        Ballots = [.. proposal.Ballots.Select(b => new BallotResponse { MemberId = b.MemberId, Vote = (VoteDto)(int)b.Vote, CastAt = b.CastAt })],
    };

    /// <summary>A key given as a JWK object or a PEM string.</summary>
    public static MemberPublicKey ToPublicKey(JsonElement key) => key.ValueKind switch
    {
        JsonValueKind.Object => MemberPublicKey.FromJwk(key.GetRawText()),
        JsonValueKind.String => MemberPublicKey.FromPem(key.GetString()!),
        _ => throw DomainException.Invalid("A key is a JWK object or a PEM string."),
    };

    public static ProposalChange ToChange(this CreateProposalRequest request)
    {
        return request.Kind switch
        {
            ProposalKindDto.AddMember => Only(request, nameof(request.MemberId), nameof(request.DisplayName), nameof(request.Roles),
                    nameof(request.Keys), nameof(request.ExternalIdentities)) ?? ProposalChange.AddMember(
                request.MemberId ?? Missing("memberId"),
                request.DisplayName ?? Missing("displayName"),
                MemberRoles.ParseSet(request.Roles),
                [.. (request.Keys ?? []).Select(ToPublicKey)],
                [.. (request.ExternalIdentities ?? []).Select(i => ExternalIdentity.Create(i.Issuer, i.Subject))]),
            ProposalKindDto.RemoveMember => Only(request, nameof(request.MemberId)) ?? ProposalChange.RemoveMember(request.MemberId ?? Missing("memberId")),
            ProposalKindDto.ChangeRoles => Only(request, nameof(request.MemberId), nameof(request.Roles))
                ?? ProposalChange.ChangeRoles(request.MemberId ?? Missing("memberId"), MemberRoles.ParseSet(request.Roles)),
            ProposalKindDto.ChangeQuorum => Only(request, nameof(request.Quorum)) ?? ProposalChange.ChangeQuorum(
                QuorumRules.TryParse(request.Quorum, out var rule) ? rule : throw DomainException.Invalid("quorum must be majority or unanimity.",
                    new Dictionary<string, string[]> { ["quorum"] = ["Must be majority or unanimity."] })),
            ProposalKindDto.SetServiceMeasurements => Only(request, nameof(request.Measurements))
                ?? ProposalChange.SetServiceMeasurements(request.Measurements ?? Missing<IReadOnlyList<string>>("measurements")),
            ProposalKindDto.SetRecoveryPolicy => Only(request, nameof(request.Threshold), nameof(request.Holders))
                ?? ProposalChange.SetRecoveryPolicy(RecoveryPolicy.Create(request.Threshold ?? Missing<int>("threshold"), request.Holders ?? Missing<IReadOnlyList<string>>("holders"))),
            _ => throw DomainException.Invalid("Unknown proposal kind."),
        };
    }

    /// <summary>Refuses fields that do not belong to the kind, so a mistyped request is not silently half-applied.</summary>
    private static ProposalChange? Only(CreateProposalRequest request, params string[] allowed)
    {
        var set = new Dictionary<string, bool>
        {
            [nameof(request.MemberId)] = request.MemberId is not null,
            [nameof(request.DisplayName)] = request.DisplayName is not null,
            [nameof(request.Roles)] = request.Roles is not null,
            [nameof(request.Keys)] = request.Keys is not null,
            [nameof(request.ExternalIdentities)] = request.ExternalIdentities is not null,
            [nameof(request.Quorum)] = request.Quorum is not null,
            [nameof(request.Measurements)] = request.Measurements is not null,
            [nameof(request.Threshold)] = request.Threshold is not null,
            [nameof(request.Holders)] = request.Holders is not null,
        };
        var permitted = allowed.ToHashSet();
        var extra = set.Where(kv => kv.Value && !permitted.Contains(kv.Key)).Select(kv => JsonNamingPolicy.CamelCase.ConvertName(kv.Key)).ToList();
        return extra.Count == 0
            ? null
            : throw DomainException.Invalid($"A {JsonNamingPolicy.CamelCase.ConvertName(request.Kind.ToString())} proposal does not take {string.Join(", ", extra)}.");
    }

    private static string Missing(string field) => Missing<string>(field);

    private static T Missing<T>(string field) =>
        throw DomainException.Invalid($"{field} is required for this kind of proposal.",
            new Dictionary<string, string[]> { [field] = ["Required."] });
}
