namespace Governance.Api.Audit;

internal sealed class SignInFailureRecorder(TimeProvider time) : ISignInFailureRecorder
{
    /// <summary>
    /// Distinct (reason, member, address) counts kept per window. Callers choose the claimed member and, behind many
    /// addresses, the address; past this many, further ones count under their reason alone, so a flood of invented
    /// identities cannot grow the window without bound.
    /// </summary>
    internal const int MaxDistinctPerWindow = 1000;

    private ConcurrentDictionary<SignInFailureKey, int> counts = new();
    private DateTimeOffset windowStart = time.GetUtcNow();

    public void Record(string reason, string? claimedMember = null, string? clientAddress = null)
    {
        var key = new SignInFailureKey(reason, claimedMember, clientAddress);
        var window = counts;
        if (window.Count >= MaxDistinctPerWindow && !window.ContainsKey(key))
        {
            key = new SignInFailureKey(reason, null, null);
        }

        window.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    /// <summary>Takes the counts of the window that ends now and starts a new one.</summary>
    public (DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<SignInFailureKey, int> Counts) TakeWindow()
    {
        var taken = Interlocked.Exchange(ref counts, new ConcurrentDictionary<SignInFailureKey, int>());
        var start = windowStart;
        var end = time.GetUtcNow();
        windowStart = end;
        return (start, end, taken);
    }
}
