namespace Governance.Api.Hosting;

public static class ServiceKeysSetup
{
    /// <summary>
    /// The start-up check that the service signing keys (registered with persistence, sealed by the key-encryption
    /// keys of <c>Secrets:KeyEncryptionKeys</c>) open.
    /// </summary>
    public static WebApplicationBuilder AddGovernanceServiceKeys(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStartupTask, ServiceKeysStartupTask>();
        return builder;
    }
}
