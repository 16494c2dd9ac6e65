namespace Governance.Client.Auth;

/// <summary>
/// Creates member-signed bearer tokens: iss = sub = member id, aud = the service's audience, a short
/// lifetime, signed ES256 (P-256 key) or ES384 (P-384 key) with kid = the key's RFC 7638 thumbprint.
/// </summary>
public sealed class MemberTokenFactory : IDisposable
{
    public const string DefaultAudience = "governance";

    /// <summary>Well under the service's ten-minute limit, so clock drift does not push a token over it.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly ECDsa key;
    private readonly bool ownsKey;
    private readonly TimeProvider time;

    public MemberTokenFactory(string memberId, ECDsa privateKey, TimeProvider? time = null)
        : this(memberId, privateKey, ownsKey: false, time)
    {
    }

    private MemberTokenFactory(string memberId, ECDsa privateKey, bool ownsKey, TimeProvider? time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        ArgumentNullException.ThrowIfNull(privateKey);
        MemberId = memberId;
        key = privateKey;
        this.ownsKey = ownsKey;
        this.time = time ?? TimeProvider.System;
        Algorithm = privateKey.KeySize switch
        {
            256 => SecurityAlgorithms.EcdsaSha256,
            384 => SecurityAlgorithms.EcdsaSha384,
            _ => throw new ArgumentException("Member keys are ECDSA P-256 or P-384.", nameof(privateKey)),
        };
        KeyId = ComputeKeyId(privateKey);
    }

    public string MemberId { get; }

    /// <summary>RFC 7638 thumbprint of the public key, as the service names it.</summary>
    public string KeyId { get; }

    /// <summary>ES256 or ES384, by the key's curve.</summary>
    public string Algorithm { get; }

    /// <summary>Reads a PKCS#8 or SEC1 PEM private key (as written by <c>governance keys new</c>).</summary>
    public static MemberTokenFactory FromPem(string memberId, string privateKeyPem, TimeProvider? time = null)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(privateKeyPem);
            return new MemberTokenFactory(memberId, ecdsa, ownsKey: true, time);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    public static MemberTokenFactory FromPemFile(string memberId, string path, TimeProvider? time = null) =>
        FromPem(memberId, File.ReadAllText(path), time);

    /// <summary>Creates a token valid from now for <paramref name="lifetime"/> (default five minutes).</summary>
    public string CreateToken(string audience = DefaultAudience, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return CreateToken(audience, now, now + (lifetime ?? DefaultLifetime));
    }

    /// <summary>Creates a token with explicit validity bounds (nbf = iat = <paramref name="notBefore"/>).</summary>
    public string CreateToken(string audience, DateTime notBefore, DateTime expires) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = MemberId,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = MemberId },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key)
            {
                KeyId = KeyId,
                // The shared provider cache is keyed by key id and would outlive this factory's key.
                CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
            }, Algorithm),
        });

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url) of an EC key's public half.</summary>
    public static string ComputeKeyId(ECDsa ecdsa)
    {
        var jwk = PublicJwk(ecdsa);
        return Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
    }

    /// <summary>The public half of an EC key as a JWK (kty, crv, x, y only).</summary>
    public static JsonWebKey PublicJwk(ECDsa ecdsa)
    {
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            Crv = parameters.Curve.Oid.FriendlyName switch
            {
                "nistP256" or "ECDSA_P256" => JsonWebKeyECTypes.P256,
                "nistP384" or "ECDSA_P384" => JsonWebKeyECTypes.P384,
                _ => parameters.Curve.Oid.Value switch
                {
                    "1.2.840.10045.3.1.7" => JsonWebKeyECTypes.P256,
                    "1.3.132.0.34" => JsonWebKeyECTypes.P384,
                    _ => throw new ArgumentException("Member keys are ECDSA P-256 or P-384.", nameof(ecdsa)),
                },
            },
            X = Base64UrlEncoder.Encode(parameters.Q.X),
            Y = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }

    public void Dispose()
    {
        if (ownsKey)
        {
            key.Dispose();
        }
    }
}
