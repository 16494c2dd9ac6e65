using Governance.Persistence.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Persistence.Audit;

public static class AuditPersistenceExtensions
{
    /// <summary>The Merkle audit log, its readers and the service signing keys.</summary>
    public static IServiceCollection AddGovernanceAuditLog(this IServiceCollection services)
    {
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddScoped<AuditSequencer>();
        services.AddSingleton<AuditMetrics>();
        services.AddScoped<AuditIntegrityCheck>();
        services.AddScoped<AuditTree>();
        services.AddScoped<AuditTreeHeads>();
        services.AddScoped<AuditEntries>();
        services.AddSingleton<IServiceSigningKeys, ServiceSigningKeys>();
        return services;
    }
}
