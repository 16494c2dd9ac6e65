namespace Governance.Protocol.Members;

/// <summary>The service's non-secret settings, for operators.</summary>
public sealed record SettingsResponse
{
    /// <example>Contoso–Fabrikam clean room</example>
    public string? ConsortiumName { get; init; }

    /// <summary>majority or unanimity.</summary>
    /// <example>majority</example>
    public string? MembershipQuorum { get; init; }

    /// <example>false</example>
    public bool AllowUnsignedApprovalsForExternalIdentities { get; init; }

    /// <summary>The aud member tokens must carry.</summary>
    /// <example>governance</example>
    public required string TokenAudience { get; init; }

    /// <example>600</example>
    public required int MaxTokenLifetimeSeconds { get; init; }

    /// <example>30</example>
    public required int ClockSkewSeconds { get; init; }

    /// <summary>The external OpenID Connect authority, when one is configured.</summary>
    public string? ExternalOidcAuthority { get; init; }

    /// <example>3</example>
    public required int ActiveMembers { get; init; }
}
