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
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Queued entries stay queued; the next round or the next reader sequences them.
            LogFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sequenced {Count} audit entries")]
    private static partial void LogSequenced(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sequencing audit entries failed; retrying next round")]
    private static partial void LogFailed(ILogger logger, Exception failure);
}
