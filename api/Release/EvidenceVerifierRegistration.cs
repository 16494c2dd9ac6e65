using Governance.Attestation;
using Governance.Attestation.Maa;
using Governance.Attestation.Snp.Verify;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Api.Release;

/// <summary>
/// The evidence verifier the release path uses, from configuration section <c>Attestation</c>:
/// <c>Snp:Offline</c> (never fetch VCEKs), <c>Kds:Provider</c> (AmdKds | AzureCertificateCache),
/// <c>Maa:TrustedProviders</c> (attestation provider URLs; none means tokens are refused). Only AMD's
/// pinned roots are trusted; extra roots can be given only in code, which the tests do.
/// </summary>
internal static class EvidenceVerifierRegistration
{
    public static IServiceCollection AddReleaseEvidenceVerifier(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Attestation");
        services.AddHttpClient("attestation-kds", client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient("attestation-maa", client => client.Timeout = TimeSpan.FromSeconds(10));
        services.TryAddSingleton(provider =>
        {
            var http = provider.GetRequiredService<IHttpClientFactory>();
            var offline = section.GetValue("Snp:Offline", false);
            var maaProviders = section.GetSection("Maa:TrustedProviders").Get<string[]>() ?? [];
            var kds = new KdsOptions { Provider = section.GetValue("Kds:Provider", KdsProvider.AmdKds) };
            var options = new EvidenceVerifierOptions
            {
                Snp = new SnpVerificationOptions { Offline = offline },
                Maa = new MaaOptions { TrustedProviders = [.. maaProviders.Select(p => new Uri(p))] },
            };
            var vcekSource = offline ? null : new CachingVcekSource(new KdsVcekSource(http.CreateClient("attestation-kds"), kds));
            return new EvidenceVerifier(options, provider.GetRequiredService<TimeProvider>(), vcekSource,
                maaProviders.Length == 0 ? null : http.CreateClient("attestation-maa"));
        });
        services.AddSingleton<IReleaseEvidenceVerifier, AttestationEvidenceVerifier>();
        return services;
    }
}
