namespace Governance.Protocol.Members;

/// <summary>What a membership proposal changes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProposalKindDto>))]
public enum ProposalKindDto
{
    /// <summary>Adds a member (memberId, displayName, roles, keys and/or externalIdentities).</summary>
    [JsonStringEnumMemberName("addMember")]
    AddMember,

    /// <summary>Removes a member (memberId).</summary>
    [JsonStringEnumMemberName("removeMember")]
    RemoveMember,

    /// <summary>Replaces a member's roles (memberId, roles).</summary>
    [JsonStringEnumMemberName("changeRoles")]
    ChangeRoles,

    /// <summary>Changes the membership quorum rule (quorum).</summary>
    [JsonStringEnumMemberName("changeQuorum")]
    ChangeQuorum,

    /// <summary>Replaces the service builds trusted with the key-encryption key (measurements).</summary>
    [JsonStringEnumMemberName("setServiceMeasurements")]
    SetServiceMeasurements,

    /// <summary>Sets who holds recovery shares of the key-encryption key and how many recover it (threshold, holders).</summary>
    [JsonStringEnumMemberName("setRecoveryPolicy")]
    SetRecoveryPolicy,
}

/// <summary>Where a proposal stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProposalStateDto>))]
public enum ProposalStateDto
{
    [JsonStringEnumMemberName("open")]
    Open,
    [JsonStringEnumMemberName("accepted")]
    Accepted,
    [JsonStringEnumMemberName("rejected")]
    Rejected,
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
    [JsonStringEnumMemberName("dropped")]
    Dropped,
}

[JsonConverter(typeof(JsonStringEnumConverter<VoteDto>))]
public enum VoteDto
{
    [JsonStringEnumMemberName("approve")]
    Approve,
    [JsonStringEnumMemberName("reject")]
    Reject,
}

/// <summary>Proposes a membership change. Set exactly the fields of the kind.</summary>
public sealed record CreateProposalRequest
{
    /// <example>addMember</example>
    public required ProposalKindDto Kind { get; init; }

    /// <summary>The member added, removed or whose roles change.</summary>
    /// <example>dave</example>
    public string? MemberId { get; init; }

    /// <summary>For addMember.</summary>
    /// <example>Dave Example (Fabrikam)</example>
    public string? DisplayName { get; init; }

    /// <summary>For addMember and changeRoles: member, auditor, operator.</summary>
    /// <example>["member"]</example>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>For addMember: public keys, each a JWK object or a PEM string.</summary>
    /// <example>[{"kty":"EC","crv":"P-384","x":"gA0YxH2Vq3…","y":"yVv9mJ1c…"}]</example>
    public IReadOnlyList<JsonElement>? Keys { get; init; }

    /// <summary>For addMember: external OpenID Connect identities that sign in as the member.</summary>
    public IReadOnlyList<ExternalIdentityDto>? ExternalIdentities { get; init; }

    /// <summary>For changeQuorum: majority or unanimity.</summary>
    /// <example>unanimity</example>
    public string? Quorum { get; init; }

    /// <summary>For setServiceMeasurements: the launch measurements (48 bytes in hex each) of the service builds trusted with the key-encryption key.</summary>
    /// <example>["5f0b6c4d…"]</example>
    public IReadOnlyList<string>? Measurements { get; init; }

    /// <summary>For setRecoveryPolicy: how many shares recover the key.</summary>
    /// <example>2</example>
    public int? Threshold { get; init; }

    /// <summary>For setRecoveryPolicy: the members holding one share each (each with a recovery key registered).</summary>
    /// <example>["alice","bob","carol"]</example>
    public IReadOnlyList<string>? Holders { get; init; }
}

/// <summary>A ballot on a proposal. The same ballot again is accepted without effect; a different one is refused.</summary>
public sealed record CastBallotRequest
{
    /// <example>approve</example>
    public required VoteDto Vote { get; init; }
}

/// <summary>A membership proposal with its ballots.</summary>
public sealed record ProposalResponse
{
    /// <example>01980d5e-7a4c-7b1e-9f3a-2c4d5e6f7a8b</example>
    public required Guid Id { get; init; }

    /// <example>addMember</example>
    public required ProposalKindDto Kind { get; init; }

    /// <example>alice</example>
    public required string ProposerId { get; init; }

    /// <example>open</example>
    public required ProposalStateDto State { get; init; }

    /// <summary>The change, in the request's shape (keys as their public JWKs).</summary>
    public required ProposalChangeDto Change { get; init; }

    /// <example>2026-01-15T09:30:00+00:00</example>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the proposal left the open state.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public required IReadOnlyList<BallotResponse> Ballots { get; init; }
}

/// <summary>The change a proposal makes.</summary>
public sealed record ProposalChangeDto
{
    /// <example>dave</example>
    public string? MemberId { get; init; }

    /// <example>Dave Example (Fabrikam)</example>
    public string? DisplayName { get; init; }

    /// <example>["member"]</example>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Key ids (RFC 7638 thumbprints) of the keys an addMember proposal registers.</summary>
    public IReadOnlyList<string>? KeyIds { get; init; }

    public IReadOnlyList<ExternalIdentityDto>? ExternalIdentities { get; init; }

    /// <example>unanimity</example>
    public string? Quorum { get; init; }

    /// <summary>For setServiceMeasurements: the launch measurements (48 bytes in hex each) of the service builds trusted with the key-encryption key.</summary>
    /// <example>["5f0b6c4d…"]</example>
    public IReadOnlyList<string>? Measurements { get; init; }

    /// <summary>For setRecoveryPolicy: how many shares recover the key.</summary>
    /// <example>2</example>
    public int? Threshold { get; init; }

    /// <summary>For setRecoveryPolicy: the members holding one share each (each with a recovery key registered).</summary>
    /// <example>["alice","bob","carol"]</example>
    public IReadOnlyList<string>? Holders { get; init; }
}

public sealed record BallotResponse
{
    /// <example>bob</example>
    public required string MemberId { get; init; }

    /// <example>approve</example>
    public required VoteDto Vote { get; init; }

    public required DateTimeOffset CastAt { get; init; }
}

/// <summary>A page of proposals, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null: the last page).</summary>
public sealed record ProposalPage(IReadOnlyList<ProposalResponse> Items, string? NextCursor);
