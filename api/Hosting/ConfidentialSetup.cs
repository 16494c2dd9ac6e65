using Governance.GuestEvidence;

namespace Governance.Api.Hosting;

/// <summary>
/// Confidential mode (see <see cref="ConfidentialOptions"/>): the service attests itself, and holds the consortium's
/// key-encryption key only in memory, given by its own seal, a replica or the share holders, never by configuration.
/// </summary>
internal static class ConfidentialSetup
{
    public static WebApplicationBuilder AddGovernanceConfidentialMode(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfidentialOptions>().Bind(builder.Configuration.GetSection(ConfidentialOptions.Section));
        builder.Services.AddSingleton<ServiceIdentity>();
        builder.Services.AddSingleton<KeyCustody>();
        builder.Services.AddSingleton<RecoverySubmissions>();
        builder.Services.AddScoped<ServiceEvidenceCheck>();

        var options = builder.Configuration.GetSection(ConfidentialOptions.Section).Get<ConfidentialOptions>() ?? new ConfidentialOptions();
        // A developer's machine without SEV-SNP: the platform simulated in-process, refused outside Development.
        builder.AddGovernanceSimulatedPlatform(options);
        // Unless the simulated platform gave one. Outside confidential mode nothing asks for it; registered in both modes so every handler resolves in both.
        builder.Services.TryAddSingleton<ISealingKeySource>(provider =>
        {
            var confidential = provider.GetRequiredService<IOptions<ConfidentialOptions>>().Value;
            return confidential.SealingKey == SealingKeyKind.None ? new NoSealingKey() : new SevGuestSealingKeySource(confidential.SevGuestDevice);
        });

        if (!options.Enabled)
        {
            return builder;
        }

        // In place of the configured keys persistence registers: in confidential mode Secrets:KeyEncryptionKeys is never read.
        builder.Services.Replace(ServiceDescriptor.Singleton<IKeyEncryptionKeySource>(provider => provider.GetRequiredService<KeyCustody>()));
        builder.Services.AddScoped<IStartupTask, UnsealStartupTask>();
        builder.Services.AddHostedService<CustodyLoop>();
        return builder;
    }
}
