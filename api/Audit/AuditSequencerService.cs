using Governance.Persistence.Audit;
using Microsoft.Extensions.Options;

namespace Governance.Api.Audit;

/// <summary>
/// Sequences queued audit entries every <see cref="AuditOptions.SequencerInterval"/>, so the log and its tree
/// heads follow the service closely even when nobody reads it. Every replica runs one; a replica that finds
/// another sequencing skips that round. On shutdown it sequences what is left.
/// </summary>
internal sealed partial class AuditSequencerService(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditSequencerService> logger) : BackgroundService
{
    /// <summary>A failure that persists is logged with its exception once a minute, not on every round.</summary>
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? lastFailureLogged;
    private long failuresSinceLogged;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SequencerInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SequenceAsync(wait: false, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await SequenceAsync(wait: true, CancellationToken.None);
    }

    private async Task SequenceAsync(bool wait, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sequencer = scope.ServiceProvider.GetRequiredService<AuditSequencer>();
            var count = wait ? await sequencer.CatchUpAsync(cancellationToken) : await sequencer.TrySequenceAsync(cancellationToken);
            if (count > 0)
            {
                LogSequenced(logger, count);
            }

            if (lastFailureLogged is not null)
            {
                LogRecovered(logger, failuresSinceLogged);
                lastFailureLogged = null;
                failuresSinceLogged = 0;
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Queued entries stay queued; the next round or the next reader sequences them. A failure that repeats
            // every round (the database is down) is logged once a minute with a count, not ten times a second.
            var now = time.GetUtcNow();
            if (lastFailureLogged is not { } last || now - last >= FailureLogInterval)
            {
                LogFailed(logger, failure, failuresSinceLogged);
                lastFailureLogged = now;
                failuresSinceLogged = 0;
            }
            else
            {
                failuresSinceLogged++;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sequenced {Count} audit entries")]
    private static partial void LogSequenced(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sequencing audit entries failed ({Repeats} more failures since the last report); retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception failure, long repeats);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sequencing audit entries works again after {Repeats} unreported failures")]
    private static partial void LogRecovered(ILogger logger, long repeats);
}
