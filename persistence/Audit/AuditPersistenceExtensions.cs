
namespace Governance.Persistence.Audit;

public static class AuditPersistenceExtensions
{
    /// <summary>The Merkle audit log and its readers.</summary>
    public static IServiceCollection AddGovernanceAuditLog(this IServiceCollection services)
    {
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditSequencer>();
        services.AddSingleton<AuditMetrics>();
        services.AddScoped<AuditIntegrityCheck>();
        services.AddScoped<AuditTree>();
        services.AddScoped<AuditTreeHeads>();
        services.AddScoped<AuditEntries>();
        return services;
    }
}
