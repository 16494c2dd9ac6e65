using System.Collections.Concurrent;

namespace Governance.Api.Audit;

internal sealed class SignInFailureRecorder(TimeProvider time) : ISignInFailureRecorder
{
    private ConcurrentDictionary<string, int> counts = new();
    private DateTimeOffset windowStart = time.GetUtcNow();

    public void Record(string reason) => counts.AddOrUpdate(reason, 1, (_, count) => count + 1);

    /// <summary>Takes the counts of the window that ends now and starts a new one.</summary>
    public (DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, int> Counts) TakeWindow()
    {
        var taken = Interlocked.Exchange(ref counts, new ConcurrentDictionary<string, int>());
        var start = windowStart;
        var end = time.GetUtcNow();
        windowStart = end;
        return (start, end, taken);
    }
}
