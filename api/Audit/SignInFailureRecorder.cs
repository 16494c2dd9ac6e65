namespace Governance.Api.Audit;

internal sealed class SignInFailureRecorder(TimeProvider time) : ISignInFailureRecorder
{
    /// <summary>
    /// Distinct (reason, member, address) counts kept per window. Callers choose the claimed member and, behind many
    /// addresses, the address; past this many, further ones count under their reason alone, so a flood of invented
    /// identities cannot grow the window without bound.
    /// </summary>
    internal const int MaxDistinctPerWindow = 1000;

    /// <summary>
    /// Distinct claimed members one address may have counted apart per window, and distinct addresses one claimed
    /// member may. Past it, the address's further failures count under the address alone (the member claimed is
    /// dropped), and the member's under the member alone, so one address inventing identities cannot fill the window
    /// and fold everyone else's failures, a real member's name and address included, into the anonymous total.
    /// </summary>
    internal const int MaxDistinctPerSource = 20;

    private Window current = new();
    private DateTimeOffset windowStart = time.GetUtcNow();

    public void Record(string reason, string? claimedMember = null, string? clientAddress = null)
    {
        var window = current;
        var key = new SignInFailureKey(reason, claimedMember, clientAddress);
        if (!window.Counts.ContainsKey(key))
        {
            key = window.Share(key);
        }

        window.Counts.AddOrUpdate(key, 1, (_, count) => count + 1);
    }

    /// <summary>Takes the counts of the window that ends now and starts a new one.</summary>
    public (DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<SignInFailureKey, int> Counts) TakeWindow()
    {
        var taken = Interlocked.Exchange(ref current, new Window());
        var start = windowStart;
        var end = time.GetUtcNow();
        windowStart = end;
        return (start, end, taken.Counts);
    }

    private sealed class Window
    {
        private readonly ConcurrentDictionary<string, int> distinctByAddress = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, int> distinctByMember = new(StringComparer.Ordinal);

        public ConcurrentDictionary<SignInFailureKey, int> Counts { get; } = new();

        /// <summary>The key a failure not yet counted this window goes under: its own while its sources have room.</summary>
        public SignInFailureKey Share(SignInFailureKey key)
        {
            if (key.ClientAddress is { } address && key.ClaimedMember is not null
                && distinctByAddress.AddOrUpdate(address, 1, (_, n) => n + 1) > MaxDistinctPerSource)
            {
                key = key with { ClaimedMember = null };
            }
            else if (key.ClaimedMember is { } member && key.ClientAddress is not null
                     && distinctByMember.AddOrUpdate(member, 1, (_, n) => n + 1) > MaxDistinctPerSource)
            {
                key = key with { ClientAddress = null };
            }

            return Counts.Count >= MaxDistinctPerWindow && !Counts.ContainsKey(key) ? new SignInFailureKey(key.Reason, null, null) : key;
        }
    }
}
