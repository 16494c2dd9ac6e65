using Governance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Governance.Api.Release;

/// <summary>
/// Deletes challenges an hour after they expired, so the table holds only recent nonces. Every replica
/// may run it; the deletions are idempotent.
/// </summary>
internal sealed partial class ChallengeSweeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<ChallengeSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
                var cutoff = time.GetUtcNow() - Retention;
                var deleted = await db.ReleaseChallenges.Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogSwept(logger, deleted);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailed(logger, failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired release challenges")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired release challenges failed; retrying later")]
    private static partial void LogFailed(ILogger logger, Exception failure);
}
