namespace Governance.Api.Release;

/// <summary>
/// Deletes challenges an hour after they expired, so the table holds only recent nonces. Every replica
/// may run it; the deletions are idempotent.
/// </summary>
internal sealed partial class ChallengeSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<ChallengeSweeper> logger)
    : PeriodicBackgroundWork(time, logger)
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    protected override string Work => "Sweeping expired release challenges";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var cutoff = Time.GetUtcNow() - Retention;
        var deleted = await db.ReleaseChallenges.Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired release challenges")]
    private static partial void LogSwept(ILogger logger, int count);
}
