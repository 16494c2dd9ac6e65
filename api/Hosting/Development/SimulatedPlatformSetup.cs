using Governance.GuestEvidence;

namespace Governance.Api.Hosting.Development;

/// <summary>
/// <c>Governance:Confidential:Simulated</c>: confidential mode on a developer's machine, with no SEV-SNP hardware. The
/// service answers its own configfs-tsm reports and derives its own sealing key from a simulated chip
/// (<see cref="SimulatedServiceChip"/>); nothing it attests is trusted without that chip's root given explicitly.
/// </summary>
internal static class SimulatedPlatformSetup
{
    /// <summary>Registers the simulated chip when asked for; refuses it outside Development and without confidential mode.</summary>
    public static WebApplicationBuilder AddGovernanceSimulatedPlatform(this WebApplicationBuilder builder, ConfidentialOptions options)
    {
        if (!options.Simulated)
        {
            return builder;
        }

        if (!builder.Environment.IsDevelopment())
        {
            // Evidence from a simulated chip proves nothing; a service outside Development must attest on real hardware.
            throw new InvalidOperationException(
                $"{ConfidentialOptions.Section}:Simulated is refused in {builder.Environment.EnvironmentName}: a simulated SEV-SNP platform is for Development only.");
        }

        if (!options.Enabled)
        {
            throw new InvalidOperationException(
                $"{ConfidentialOptions.Section}:Simulated needs {ConfidentialOptions.Section}:Enabled=true: it simulates the platform confidential mode runs on.");
        }

        var folder = Path.GetFullPath(options.SimulatedDirectory, builder.Environment.ContentRootPath);
        builder.Services.PostConfigure<ConfidentialOptions>(confidential => confidential.TsmPath = SimulatedServiceChip.TsmPath(folder));
        builder.Services.AddSingleton(_ => SimulatedServiceChip.Open(folder));
        builder.Services.TryAddSingleton<ISealingKeySource>(provider => provider.GetRequiredService<SimulatedServiceChip>().SealingKey);
        builder.Services.AddScoped<IStartupTask, SimulatedPlatformStartupTask>();
        return builder;
    }
}
