namespace Governance.Api.Service.Custody;

/// <summary>
/// Confidential mode: an instance holding the key answers replicas' requests for it; an instance waiting for it
/// reads the answer to its own. Every replica runs it; requests are locked while answered, so each is answered once.
/// </summary>
internal sealed class CustodyLoop(IServiceScopeFactory scopes, IOptions<ConfidentialOptions> options, TimeProvider time, ILogger<CustodyLoop> logger)
    : PeriodicBackgroundWork(time, logger)
{
    protected override string Work => "Answering and collecting key-encryption key requests";

    protected override TimeSpan Interval => options.Value.CustodyInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AnswerKeyRequests>().HandleAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<CollectKeyFromReplica>().HandleAsync(cancellationToken);
    }
}
