namespace Governance.Persistence.Keys;

public static class ServiceSigningKeysServiceCollectionExtensions
{
    /// <summary>
    /// The service signing keys and the key-encryption key ring that seals them and the embedded secret values
    /// (configured under <c>Secrets</c>, whatever backend stores secret values).
    /// </summary>
    public static IServiceCollection AddGovernanceServiceSigningKeys(this IServiceCollection services)
    {
        services.AddOptions<SecretsOptions>();
        services.TryAddSingleton<IKeyEncryptionKeySource, ConfiguredKeyEncryptionKeys>();
        services.AddSingleton<KeyEncryptionKeyRing>();
        services.AddSingleton<IServiceSigningKeys, ServiceSigningKeys>();
        return services;
    }
}
