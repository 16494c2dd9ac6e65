namespace Governance.Api.Audit;

/// <summary>
/// Runs <see cref="AuditIntegrityCheck"/> and keeps its latest result for the readiness check. A mismatch is
/// reported loudly: an error log on every failing check, the <c>governance.audit.integrity_failures</c> counter,
/// and the <c>audit-integrity</c> health check (tagged <c>ready</c>) failing until a check passes again.
/// </summary>
internal sealed partial class AuditIntegrityMonitor(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, AuditMetrics metrics, ILogger<AuditIntegrityMonitor> logger)
{
    private volatile AuditIntegrityReport? latest;
    private volatile string? alteredEntryServed;

    /// <summary>The latest completed check, or null before the first.</summary>
    public AuditIntegrityReport? Latest => latest;

    /// <summary>
    /// Set when an entry was refused because it no longer matched its leaf hash; it stays set until the process
    /// restarts, since the periodic check covers only the newest entries and would not find an older one again.
    /// </summary>
    public string? AlteredEntryServed => alteredEntryServed;

    public async Task<AuditIntegrityReport> CheckNowAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<AuditIntegrityCheck>();
        AuditIntegrityReport report;
        try
        {
            report = await check.CheckNewestAsync(Math.Max(1, options.Value.IntegrityCheckWindow), cancellationToken);
        }
        catch (InvalidDataException missing)
        {
            report = new AuditIntegrityReport(0, 0, 0, missing.Message, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
        }

        latest = report;
        if (report.Intact)
        {
            LogIntact(logger, report.From, report.To, report.HeadsChecked);
        }
        else
        {
            metrics.IntegrityFailure();
            LogAltered(logger, report.Problem!, report.From, report.To);
        }

        return report;
    }

    /// <summary>A stored entry was found that does not match its recorded hash while serving it.</summary>
    public void ReportAlteredEntry(long sequence)
    {
        alteredEntryServed = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Entry {sequence}'s content does not match its recorded leaf hash (found while serving it).");
        metrics.IntegrityFailure();
        LogAlteredEntry(logger, sequence);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit log integrity check passed for entries {From}..{To} and {Heads} signed tree heads")]
    private static partial void LogIntact(ILogger logger, long from, long to, int heads);

    [LoggerMessage(Level = LogLevel.Error, Message = "AUDIT LOG INTEGRITY FAILURE: {Problem} (checked entries {From}..{To}); the stored log no longer matches what was signed")]
    private static partial void LogAltered(ILogger logger, string problem, long from, long to);

    [LoggerMessage(Level = LogLevel.Error, Message = "AUDIT LOG INTEGRITY FAILURE: entry {Sequence} does not match its recorded leaf hash; it was not served")]
    private static partial void LogAlteredEntry(ILogger logger, long sequence);
}

/// <summary>
/// Checks the log on start and then every <see cref="AuditOptions.IntegrityCheckInterval"/>. A round that cannot run
/// (the database is unreachable) is not a finding; readiness reports the database separately.
/// </summary>
internal sealed class AuditIntegrityService(
    AuditIntegrityMonitor monitor, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditIntegrityService> logger)
    : PeriodicBackgroundWork(time, logger)
{
    protected override string Work => "Checking the audit log's integrity";

    protected override TimeSpan Interval => options.Value.IntegrityCheckInterval;

    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => monitor.CheckNowAsync(cancellationToken);
}

/// <summary>Readiness: fails while the latest integrity check found the stored log altered, or once an altered entry was refused.</summary>
internal sealed class AuditIntegrityHealthCheck(AuditIntegrityMonitor monitor) : IHealthCheck
{
    public const string Name = "audit-integrity";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (monitor.AlteredEntryServed is { } served)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"The audit log was altered: {served}"));
        }

        var report = monitor.Latest;
        var data = report is null ? null : new Dictionary<string, object>
        {
            ["checkedAt"] = report.CheckedAt,
            ["from"] = report.From,
            ["to"] = report.To,
            ["treeHeadsChecked"] = report.HeadsChecked,
        };
        return Task.FromResult(report switch
        {
            null => HealthCheckResult.Healthy("The audit log has not been checked yet."),
            { Intact: true } => HealthCheckResult.Healthy("The newest audit entries match their leaf hashes, the tree and the signed tree heads.", data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, $"The audit log was altered: {report.Problem}", data: data),
        });
    }
}
