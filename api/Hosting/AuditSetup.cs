namespace Governance.Api.Hosting;

public static class AuditSetup
{
    /// <summary>Request ids for audit entries, the checkpoint origin, and aggregated sign-in failure counting.</summary>
    public static WebApplicationBuilder AddGovernanceAudit(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IRequestIdAccessor, HttpRequestIdAccessor>();
        builder.Services.AddSingleton<RefusalAudit>();
        builder.Services.AddSingleton<SignInFailureRecorder>();
        builder.Services.AddSingleton<ISignInFailureRecorder>(services => services.GetRequiredService<SignInFailureRecorder>());
        // Registered before the flusher so it stops after it and sequences the flusher's last entries.
        builder.Services.AddHostedService<AuditSequencerService>();
        builder.Services.AddHostedService<SignInFailureFlusher>();
        builder.Services.AddSingleton<AuditIntegrityMonitor>();
        builder.Services.AddHostedService<AuditIntegrityService>();
        builder.Services.AddHealthChecks().AddCheck<AuditIntegrityHealthCheck>(AuditIntegrityHealthCheck.Name, tags: ["ready"]);
        return builder;
    }
}
