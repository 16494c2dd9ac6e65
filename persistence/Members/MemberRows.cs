namespace Governance.Persistence.Members;

/// <summary>A stored member. Rows are never deleted: removal sets the status.</summary>
public sealed class MemberRow
{
    public required string Id { get; set; }

    public required string DisplayName { get; set; }

    public required string[] Roles { get; set; }

    public required string Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>The member's recovery key (P-384 public JWK) and its RFC 7638 thumbprint; null until registered.</summary>
    public string? RecoveryKeyJwk { get; set; }

    public string? RecoveryKeyId { get; set; }

    public List<MemberKeyRow> Keys { get; set; } = [];

    public List<ExternalIdentityRow> ExternalIdentities { get; set; } = [];
}

/// <summary>A member's public key; the RFC 7638 thumbprint is the primary key, so a key belongs to one member only.</summary>
public sealed class MemberKeyRow
{
    public required string KeyId { get; set; }

    public required string MemberId { get; set; }

    public required string Algorithm { get; set; }

    public required string PublicJwk { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }
}

public sealed class ExternalIdentityRow
{
    public required string Issuer { get; set; }

    public required string Subject { get; set; }

    public required string MemberId { get; set; }
}

/// <summary>The single row of consortium-wide settings written at genesis.</summary>
public sealed class ConsortiumSettingsRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string Name { get; set; }

    public required string MembershipQuorum { get; set; }

    public bool AllowUnsignedApprovalsForExternalIdentities { get; set; }

    /// <summary>Approved service builds (launch measurements, lowercase hex), set by proposal.</summary>
    public string[] ServiceMeasurements { get; set; } = [];

    /// <summary>How many recovery shares recover the key-encryption key; null until a proposal sets it.</summary>
    public int? RecoveryThreshold { get; set; }

    public string[] RecoveryHolders { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ProposalRow
{
    public Guid Id { get; set; }

    public required string Kind { get; set; }

    public required string ProposerId { get; set; }

    public required string State { get; set; }

    /// <summary>The proposed change as JSON (see <see cref="ProposalChangeJson"/>).</summary>
    public required string Change { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Assigned by the database in creation order: the listing cursor, as for contracts.</summary>
    public long ListingSequence { get; set; }

    public List<BallotRow> Ballots { get; set; } = [];
}

public sealed class BallotRow
{
    public Guid ProposalId { get; set; }

    public required string MemberId { get; set; }

    public required string Vote { get; set; }

    public DateTimeOffset CastAt { get; set; }
}
