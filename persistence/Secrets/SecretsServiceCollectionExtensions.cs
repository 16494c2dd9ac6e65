namespace Governance.Persistence.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the secret store on the backend <paramref name="backend"/> (options from <see cref="SecretsOptions"/>); the
    /// key-encryption key ring comes with the persistence registrations (<c>AddGovernanceServiceSigningKeys</c>).
    /// </summary>
    public static IServiceCollection AddGovernanceSecretStore(this IServiceCollection services, SecretsBackend backend)
    {
        services.AddScoped<SecretKeyRotation>();
        services.AddScoped<ISecretStore, SecretStore>();
        switch (backend)
        {
            case SecretsBackend.Embedded:
                services.AddScoped<ISecretVault, EmbeddedSecretVault>();
                break;
            case SecretsBackend.AzureKeyVault:
                services.AddSingleton(provider =>
                {
                    var options = provider.GetRequiredService<IOptions<SecretsOptions>>().Value;
                    var uri = options.KeyVaultUri
                        ?? throw new InvalidOperationException("Secrets:Backend is AzureKeyVault but Secrets:KeyVaultUri is not set.");
                    var clientOptions = new SecretClientOptions();
                    options.ConfigureKeyVaultClient?.Invoke(clientOptions);
                    return new SecretClient(uri, options.KeyVaultCredential ?? new DefaultAzureCredential(), clientOptions);
                });
                services.AddScoped<ISecretVault, KeyVaultSecretVault>();
                break;
            default:
                throw new InvalidOperationException($"Unknown secrets backend '{backend}'.");
        }

        return services;
    }
}
