namespace Governance.Attestation.Maa;

/// <summary>Which Azure Attestation providers are trusted and how their tokens are checked.</summary>
public sealed record MaaOptions
{
    /// <summary>
    /// Attestation provider base URLs (the token issuer, e.g. https://sharedeus.eus.attest.azure.net). Signing keys
    /// are fetched from {provider}/certs; keys or key URLs in a token's header are never used. Empty: tokens refused.
    /// </summary>
    public IReadOnlyList<Uri> TrustedProviders { get; init; } = [];

    /// <summary>Accepted JWS algorithms; "none" can never be added.</summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = ["RS256"];

    /// <summary>Tolerated clock difference for exp/nbf.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long fetched signing keys are reused before they are fetched again.</summary>
    public TimeSpan KeyCacheDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Shortest interval between forced refreshes when a token names an unknown key.</summary>
    public TimeSpan MinimumRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);
}
