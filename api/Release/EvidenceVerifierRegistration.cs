namespace Governance.Api.Release;

/// <summary>The release path verifies evidence with the verifier that <c>AddGovernanceAttestation</c> configures.</summary>
internal static class EvidenceVerifierRegistration
{
    public static IServiceCollection AddReleaseEvidenceVerifier(this IServiceCollection services)
    {
        services.AddSingleton<IReleaseEvidenceVerifier, AttestationEvidenceVerifier>();
        return services;
    }
}
