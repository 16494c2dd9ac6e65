using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Agent;

/// <summary>
/// The clean room's RSA-3072 wrapping key. It lives only in this process's memory: whoever reads the
/// released values must have been inside the attested VM when they arrived.
/// </summary>
public sealed class WrappingKeyPair : IDisposable
{
    public const int KeySize = 3072;

    private WrappingKeyPair(RSA rsa)
    {
        Rsa = rsa;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        PublicJwk = new WrappingKey
        {
            Kty = "RSA",
            N = Base64Url.EncodeToString(parameters.Modulus),
            E = Base64Url.EncodeToString(parameters.Exponent),
            Alg = "RSA-OAEP-256",
            Use = "enc",
        };
        Thumbprint = JwkThumbprint.ComputeBase64Url(PublicJwk);
    }

    public RSA Rsa { get; }

    /// <summary>The public half as sent to the service.</summary>
    public WrappingKey PublicJwk { get; }

    /// <summary>RFC 7638 thumbprint (base64url), as named in the release receipt.</summary>
    public string Thumbprint { get; }

    public static WrappingKeyPair Create() => new(RSA.Create(KeySize));

    public void Dispose() => Rsa.Dispose();
}
