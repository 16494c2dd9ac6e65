namespace Governance.Api.Hosting;

/// <summary>
/// The one shape of the service's background loops (audit sequencing, sign-in failure flushing, the audit integrity
/// check, the challenge sweep): run <see cref="RunOnceAsync"/> every <see cref="Interval"/>, optionally once at start
/// and once more on shutdown. A round that fails is retried at the next tick; a failure that repeats every round is
/// logged with its exception once a minute, with the count of the rounds in between, not on every round.
/// </summary>
internal abstract partial class PeriodicBackgroundWork(TimeProvider time, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset? lastFailureLogged;
    private long failuresSinceLogged;

    /// <summary>The clock the loop ticks by, for rounds that need the time too.</summary>
    protected TimeProvider Time => time;

    /// <summary>What the loop does, for its log lines (e.g. "Sequencing audit entries").</summary>
    protected abstract string Work { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>Run one round as soon as the service starts, before the first tick.</summary>
    protected virtual bool RunAtStart => false;

    /// <summary>Run one last round, uncancelled, when the service stops, so no queued work is left behind.</summary>
    protected virtual bool RunAtStop => false;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (RunAtStart)
            {
                await RoundAsync(stoppingToken);
            }

            using var timer = new PeriodicTimer(Interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RoundAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        if (RunAtStop)
        {
            await RoundAsync(CancellationToken.None);
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
            if (lastFailureLogged is not null)
            {
                LogRecovered(logger, Work, failuresSinceLogged);
                lastFailureLogged = null;
                failuresSinceLogged = 0;
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            var now = time.GetUtcNow();
            if (lastFailureLogged is not { } last || now - last >= FailureLogInterval)
            {
                LogFailed(logger, failure, Work, failuresSinceLogged);
                lastFailureLogged = now;
                failuresSinceLogged = 0;
            }
            else
            {
                failuresSinceLogged++;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed ({Repeats} more failures since the last report); retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception failure, string work, long repeats);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Work} works again after {Repeats} unreported failures")]
    private static partial void LogRecovered(ILogger logger, string work, long repeats);
}
