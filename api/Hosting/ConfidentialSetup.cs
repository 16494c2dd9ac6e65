using Governance.Api.Application.Service;
using Governance.Api.Service;

namespace Governance.Api.Hosting;

/// <summary>Confidential mode: the service attests itself (see <see cref="ConfidentialOptions"/>).</summary>
internal static class ConfidentialSetup
{
    public static WebApplicationBuilder AddGovernanceConfidentialMode(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfidentialOptions>().Bind(builder.Configuration.GetSection(ConfidentialOptions.Section));
        builder.Services.AddSingleton<ServiceIdentity>();
        builder.Services.AddScoped<AttestService>();
        return builder;
    }
}
