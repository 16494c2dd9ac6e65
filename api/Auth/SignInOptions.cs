namespace Governance.Api.Auth;

/// <summary>Configuration section <c>Authentication</c>: how bearer tokens are checked.</summary>
public sealed class SignInOptions
{
    public const string Section = "Authentication";

    /// <summary>The <c>aud</c> every member-signed token must carry.</summary>
    public string Audience { get; set; } = "governance";

    /// <summary>Longest accepted span between a member token's nbf (or iat) and its exp.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tolerance on exp and nbf for clocks that drift.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An external OpenID Connect issuer whose (issuer, subject) pairs map to members; off when absent.</summary>
    public ExternalOidcOptions? Oidc { get; set; }
}

/// <summary>Configuration section <c>Authentication:Oidc</c>.</summary>
public sealed class ExternalOidcOptions
{
    /// <summary>E.g. https://login.microsoftonline.com/{tenant}/v2.0; discovery finds the signing keys.</summary>
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>Overrides the discovery document address.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The expected <c>iss</c> when it differs from the authority's discovery document, or when no authority is used.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Longest accepted span between an external token's iat (or nbf) and its exp. Identity providers issue
    /// access tokens for an hour or so (continuous-access tokens for about a day); a token that claims to live
    /// longer is refused, so a leaked one cannot serve for weeks.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress) || !string.IsNullOrWhiteSpace(Issuer);
}
