
namespace Governance.Api.Audit;

/// <summary>
/// Sequences queued audit entries every <see cref="AuditOptions.SequencerInterval"/>, so the log and its tree
/// heads follow the service closely even when nobody reads it. Every replica runs one; a replica that finds
/// another sequencing skips that round. On shutdown it sequences what is left. Queued entries stay queued when a
/// round fails; the next round or the next reader sequences them.
/// </summary>
internal sealed partial class AuditSequencerService(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditSequencerService> logger)
    : PeriodicBackgroundWork(time, logger)
{
    private bool stopping;

    protected override string Work => "Sequencing audit entries";

    protected override TimeSpan Interval => options.Value.SequencerInterval;

    protected override bool RunAtStop => true;

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        return base.StopAsync(cancellationToken);
    }

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sequencer = scope.ServiceProvider.GetRequiredService<AuditSequencer>();
        // On the last round, wait for another replica's round instead of skipping, so nothing queued here is left.
        var count = stopping ? await sequencer.CatchUpAsync(cancellationToken) : await sequencer.TrySequenceAsync(cancellationToken);
        if (count > 0)
        {
            LogSequenced(logger, count);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sequenced {Count} audit entries")]
    private static partial void LogSequenced(ILogger logger, long count);
}
