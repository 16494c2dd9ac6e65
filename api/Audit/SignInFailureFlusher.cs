
namespace Governance.Api.Audit;

/// <summary>Writes one entry per failure reason per window; also flushes on shutdown so no window is lost.</summary>
internal sealed class SignInFailureFlusher(
    SignInFailureRecorder recorder, IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time,
    ILogger<SignInFailureFlusher> logger) : PeriodicBackgroundWork(time, logger)
{
    public const string Action = AuditActions.SignInFailed;

    protected override string Work => "Writing sign-in failure counts";

    protected override TimeSpan Interval => options.Value.SignInFailureFlushInterval;

    protected override bool RunAtStop => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var (start, end, counts) = recorder.TakeWindow();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
            foreach (var (key, count) in counts.OrderBy(c => c.Key.Reason, StringComparer.Ordinal)
                         .ThenBy(c => c.Key.ClaimedMember, StringComparer.Ordinal).ThenBy(c => c.Key.ClientAddress, StringComparer.Ordinal))
            {
                // Without an explicit transaction each append commits on its own.
                await log.AppendAsync(AuditRecord.SignInFailures(key.Reason, key.ClaimedMember, key.ClientAddress, count, start, end), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The window's counts are gone once taken, so this is an error of its own, not a round to retry.
            logger.LogError(exception, "Could not write {Reasons} sign-in failure counts to the audit log", counts.Count);
        }
    }
}
