namespace Governance.Api.Service.Custody;

/// <summary>
/// The recovery shares holders have submitted to this instance, in memory only: they are of no use to any other
/// instance, and a restart simply asks the holders again. At most one per holder, so the count is bounded by the
/// holders the policy names.
/// </summary>
public sealed class RecoverySubmissions
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, RecoveryShare> shares = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return shares.Count;
            }
        }
    }

    /// <summary>Adds (or replaces) a holder's share; returns how many holders have submitted.</summary>
    public int Add(string memberId, RecoveryShare share)
    {
        lock (gate)
        {
            shares[memberId] = share;
            return shares.Count;
        }
    }

    public IReadOnlyList<string> Holders()
    {
        lock (gate)
        {
            return [.. shares.Keys.Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The key the submitted shares give, or null when shares with the same index conflict.</summary>
    public byte[]? Combine()
    {
        lock (gate)
        {
            var distinct = shares.Values.DistinctBy(s => s.Index).ToList();
            return distinct.Count == shares.Count ? ShamirSecretSharing.Combine(distinct) : null;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            shares.Clear();
        }
    }
}
