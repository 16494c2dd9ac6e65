namespace Governance.Api.Hosting;

public static class SecretsSetup
{
    /// <summary>
    /// The secret store on the configured backend (Secrets:Backend = Embedded | AzureKeyVault). In
    /// Development with no key-encryption key configured, one is generated into .local/dev so
    /// `dotnet run` works; anywhere else the keys must be given.
    /// </summary>
    public static WebApplicationBuilder AddGovernanceSecrets(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SecretsOptions.Section);
        var backend = section.GetValue(nameof(SecretsOptions.Backend), SecretsBackend.Embedded);
        // The key-encryption keys also seal the service signing keys, so Development needs one on every backend;
        // in confidential mode the service makes its own and never reads these.
        if (builder.Environment.IsDevelopment()
            && !builder.Configuration.GetValue<bool>($"{Service.ConfidentialOptions.Section}:{nameof(Service.ConfidentialOptions.Enabled)}")
            && !section.GetSection(nameof(SecretsOptions.KeyEncryptionKeys)).GetChildren().Any())
        {
            builder.Configuration.AddJsonFile(EnsureDevelopmentKeyFile(builder), optional: false, reloadOnChange: false);
        }

        builder.Services.Configure<SecretsOptions>(section);
        builder.Services.AddGovernanceSecretStore(backend);
        return builder;
    }

    private static string EnsureDevelopmentKeyFile(WebApplicationBuilder builder)
    {
        var local = builder.Configuration["Database:LocalDataDirectory"] ?? ".local";
        var folder = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, local, "dev"));
        var path = Path.Combine(folder, "secrets-kek.json");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            var document = new JsonObject
            {
                ["Secrets"] = new JsonObject
                {
                    ["KeyEncryptionKeys"] = new JsonArray(new JsonObject
                    {
                        ["Id"] = "dev-1",
                        ["Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    }),
                    ["CurrentKeyEncryptionKey"] = "dev-1",
                },
            };
            File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return path;
    }
}
