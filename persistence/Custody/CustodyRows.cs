namespace Governance.Persistence.Custody;

/// <summary>The single row naming the consortium's key-encryption key (see <see cref="Domain.Custody.CustodyRecord"/>).</summary>
public sealed class CustodyRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string KeyId { get; set; }

    public required byte[] KeyCheck { get; set; }

    public required byte[] RulesSeal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The key-encryption key sealed to one chip's key for one build.</summary>
public sealed class MeasurementSealRow
{
    public required string KeyId { get; set; }

    public required string ChipId { get; set; }

    public required string Measurement { get; set; }

    public required byte[] Sealed { get; set; }

    public DateTimeOffset SealedAt { get; set; }
}

public sealed class RecoveryShareRow
{
    public required string MemberId { get; set; }

    public required string KeyId { get; set; }

    public required string RecoveryKeyId { get; set; }

    public int Threshold { get; set; }

    public required string EncryptedShare { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class KeyRequestRow
{
    public Guid Id { get; set; }

    public required string Measurement { get; set; }

    public required string Attestation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string State { get; set; }

    public string? Answer { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }
}
