using Governance.Persistence.Keys;

namespace Governance.Api.Hosting;

public static class ServiceKeysSetup
{
    /// <summary>
    /// The service signing keys (sealed by the key-encryption keys of <c>Secrets:KeyEncryptionKeys</c>) and
    /// the start-up check that they open.
    /// </summary>
    public static WebApplicationBuilder AddGovernanceServiceKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddGovernanceServiceSigningKeys();
        builder.Services.AddScoped<IStartupTask, ServiceKeysStartupTask>();
        return builder;
    }
}
