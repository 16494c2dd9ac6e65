using System.Security.Cryptography;
using System.Text.Json;
using Governance.Client.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.IntegrationTests.Infrastructure;

/// <summary>
/// A member the tests sign in as: a fresh P-256 key (ES256) whose public half goes into the bootstrap
/// file or a proposal. <see cref="CreateToken"/> has knobs for the negative sign-in tests.
/// </summary>
public sealed class TestMember : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TestMember(string id, IReadOnlyList<string> roles, ECDsa? privateKey = null)
    {
        Id = id;
        Roles = roles;
        PrivateKey = privateKey ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
        KeyId = MemberTokenFactory.ComputeKeyId(PrivateKey);
    }

    public string Id { get; }

    public ECDsa PrivateKey { get; }

    /// <summary>RFC 7638 thumbprint of the public key, as the service names it.</summary>
    public string KeyId { get; }

    public IReadOnlyList<string> Roles { get; }

    /// <summary>External (issuer, subject) pairs written into the bootstrap file for this member.</summary>
    public List<(string Issuer, string Subject)> ExternalIdentities { get; } = [];

    /// <summary>The public key as a JWK object (kty, crv, x, y) for bootstrap files and proposals.</summary>
    public JsonElement PublicJwk => PublicJwkOf(PrivateKey);

    public static TestMember Create(string id, params string[] roles) => new(id, roles.Length == 0 ? ["member"] : roles);

    public static JsonElement PublicJwkOf(ECDsa key)
    {
        var jwk = MemberTokenFactory.PublicJwk(key);
        return JsonSerializer.SerializeToElement(new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y });
    }

    /// <summary>
    /// A member token. Defaults make a valid one (five minutes, iss = sub = id, kid = key id, ES256 for P-256);
    /// each knob breaks one thing for negative tests.
    /// </summary>
    public string CreateToken(
        string audience = "governance",
        TimeSpan? lifetime = null,
        DateTimeOffset? notBefore = null,
        string? issuer = null,
        string? subject = null,
        string? keyId = null,
        ECDsa? signWith = null,
        string? algorithm = null,
        bool includeNotBefore = true,
        bool includeIssuedAt = true)
    {
        var key = signWith ?? PrivateKey;
        var start = (notBefore ?? DateTimeOffset.UtcNow).UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Id,
            Audience = audience,
            Expires = start + (lifetime ?? TimeSpan.FromMinutes(5)),
            Claims = new Dictionary<string, object> { ["sub"] = subject ?? Id },
            SigningCredentials = new SigningCredentials(
                new ECDsaSecurityKey(key) { KeyId = keyId ?? MemberTokenFactory.ComputeKeyId(key) },
                algorithm ?? (key.KeySize == 384 ? SecurityAlgorithms.EcdsaSha384 : SecurityAlgorithms.EcdsaSha256)),
        };
        if (includeNotBefore)
        {
            descriptor.NotBefore = start;
        }

        if (includeIssuedAt)
        {
            descriptor.IssuedAt = start;
        }

        return Handler.CreateToken(descriptor);
    }

    public void Dispose() => PrivateKey.Dispose();
}
