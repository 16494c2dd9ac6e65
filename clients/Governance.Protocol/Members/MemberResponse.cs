namespace Governance.Protocol.Members;

/// <summary>A member of the consortium.</summary>
public sealed record MemberResponse
{
    /// <summary>The member id: also the issuer and subject of the member's tokens.</summary>
    /// <example>alice</example>
    public required string Id { get; init; }

    /// <example>Alice Example (Contoso)</example>
    public required string DisplayName { get; init; }

    /// <summary>Any of member, auditor, operator.</summary>
    /// <example>["member"]</example>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>active or removed.</summary>
    /// <example>active</example>
    public required string Status { get; init; }

    /// <summary>Every key the member registered, removed ones included (with their time of removal).</summary>
    public required IReadOnlyList<MemberKeyResponse> Keys { get; init; }

    /// <summary>External OpenID Connect identities that sign in as this member.</summary>
    public required IReadOnlyList<ExternalIdentityDto> ExternalIdentities { get; init; }

    /// <summary>Only in GET /members/me: when the bearer token of this request stops being accepted.</summary>
    /// <example>2026-01-15T09:40:00+00:00</example>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>A member's public signing key.</summary>
public sealed record MemberKeyResponse
{
    /// <summary>RFC 7638 JWK thumbprint (SHA-256, base64url); put it in a token's kid header.</summary>
    /// <example>3pGkaG8D4q3mW0Qn3v6P2xgk9Qq6m8ZbZ2qJ2l7K8sE</example>
    public required string KeyId { get; init; }

    /// <summary>ES256 for P-256 keys, ES384 for P-384 keys.</summary>
    /// <example>ES384</example>
    public required string Algorithm { get; init; }

    /// <summary>The public key as a JWK.</summary>
    /// <example>{"crv":"P-384","kty":"EC","x":"gA0Yx…","y":"yVv9…"}</example>
    public required JsonElement PublicJwk { get; init; }

    /// <example>2026-01-15T09:30:00+00:00</example>
    public required DateTimeOffset AddedAt { get; init; }

    /// <summary>Set once the key was removed; a removed key no longer signs in.</summary>
    public DateTimeOffset? RemovedAt { get; init; }
}

/// <summary>An (issuer, subject) pair of an external OpenID Connect provider.</summary>
public sealed record ExternalIdentityDto
{
    /// <example>https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0</example>
    public required string Issuer { get; init; }

    /// <example>AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ</example>
    public required string Subject { get; init; }
}
