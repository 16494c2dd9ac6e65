using Governance.Persistence.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Persistence.Keys;

public static class ServiceSigningKeysServiceCollectionExtensions
{
    /// <summary>
    /// The service signing keys, sealed by the key-encryption key ring (configured under <c>Secrets</c>,
    /// whatever backend stores secret values).
    /// </summary>
    public static IServiceCollection AddGovernanceServiceSigningKeys(this IServiceCollection services)
    {
        services.AddOptions<SecretsOptions>();
        services.TryAddSingleton<KeyEncryptionKeyRing>();
        services.TryAddSingleton<IServiceSigningKeys, ServiceSigningKeys>();
        return services;
    }
}
