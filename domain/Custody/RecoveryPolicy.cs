namespace Governance.Domain.Custody;

/// <summary>
/// Who holds a recovery share of the service's key-encryption key and how many shares recover it: any
/// <see cref="Threshold"/> of the <see cref="Holders"/> together, and no fewer.
/// </summary>
public sealed record RecoveryPolicy
{
    /// <summary>Shares are made one per holder; a consortium larger than this names a subset.</summary>
    public const int MaxHolders = 16;

    private RecoveryPolicy(int threshold, IReadOnlyList<string> holders)
    {
        Threshold = threshold;
        Holders = holders;
    }

    public int Threshold { get; }

    /// <summary>Member ids, sorted.</summary>
    public IReadOnlyList<string> Holders { get; }

    public static RecoveryPolicy Create(int threshold, IEnumerable<string?>? holders)
    {
        var ids = (holders ?? []).Take(MaxHolders + 1).Select(h => MemberId.Require(h, "holders")).ToList();
        if (ids.Count is 0 or > MaxHolders || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw DomainException.Invalid($"Name 1 to {MaxHolders} distinct share holders.",
                new Dictionary<string, string[]> { ["holders"] = [$"1 to {MaxHolders} distinct member ids."] });
        }

        if (threshold < 1 || threshold > ids.Count)
        {
            throw DomainException.Invalid($"The threshold must be between 1 and the number of holders ({ids.Count}).",
                new Dictionary<string, string[]> { ["threshold"] = [$"1 to {ids.Count}."] });
        }

        return new RecoveryPolicy(threshold, [.. ids.Order(StringComparer.Ordinal)]);
    }

    public bool Equals(RecoveryPolicy? other) =>
        other is not null && Threshold == other.Threshold && Holders.SequenceEqual(other.Holders, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Threshold, string.Join(',', Holders));

    /// <summary>"k of n (a, b, c)", for messages and audit.</summary>
    public override string ToString() => $"{Threshold} of {Holders.Count} ({string.Join(", ", Holders)})";
}
