using System.Text.Json.Nodes;
using Governance.Domain.Audit;
using Governance.Persistence.Audit;
using Microsoft.Extensions.Options;

namespace Governance.Api.Audit;

/// <summary>Writes one entry per failure reason per window; also flushes on shutdown so no window is lost.</summary>
internal sealed class SignInFailureFlusher(
    SignInFailureRecorder recorder, IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time,
    ILogger<SignInFailureFlusher> logger) : BackgroundService
{
    public const string Action = AuditActions.SignInFailed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SignInFailureFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await FlushAsync(CancellationToken.None);
    }

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
            foreach (var (reason, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                // Without an explicit transaction each append commits on its own.
                await log.AppendAsync(AuditRecord.SignInFailures(reason, count, start, end), cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Could not write {Reasons} sign-in failure counts to the audit log", counts.Count);
        }
    }
}
