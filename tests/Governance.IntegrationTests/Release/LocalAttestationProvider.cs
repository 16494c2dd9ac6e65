using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Governance.IntegrationTests.Release;

/// <summary>
/// A local stand-in for an Azure Attestation provider: it publishes its signing certificate at <c>/certs</c>
/// as the real service does (a JWKS whose keys carry x5c), and mints SEV-SNP VM tokens with that key. The
/// service trusts it only because a test lists it in <c>Attestation:MaaProviders</c>.
/// </summary>
public sealed class LocalAttestationProvider : IAsyncDisposable
{
    private readonly RSA key = RSA.Create(2048);
    private readonly X509Certificate2 certificate;
    private WebApplication? app;
    private int certsRequests;

    public LocalAttestationProvider()
    {
        certificate = new CertificateRequest("CN=local attestation signer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(2));
    }

    /// <summary>The provider's base address, which is also the issuer of its tokens.</summary>
    public Uri Issuer { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Requests for the key set, to show the service fetched it from here.</summary>
    public int CertsRequests => Volatile.Read(ref certsRequests);

    private string KeyId => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData))[..16];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        var keySet = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = KeyId, x5c = new[] { Convert.ToBase64String(certificate.RawData) } } } });
        app.MapGet("/certs", () =>
        {
            Interlocked.Increment(ref certsRequests);
            return Results.Text(keySet, "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Issuer = new Uri(address.TrimEnd('/'));
    }

    /// <summary>
    /// A token for an SEV-SNP VM with these claims (x-ms-sevsnpvm-* and x-ms-runtime), valid around <paramref name="now"/>,
    /// signed with this provider's key; <paramref name="issuer"/> lets it pose as another provider.
    /// </summary>
    public string Mint(IDictionary<string, object> claims, DateTimeOffset now, Uri? issuer = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = (issuer ?? Issuer).AbsoluteUri.TrimEnd('/'),
            Claims = claims,
            IssuedAt = now.AddSeconds(-5).UtcDateTime,
            NotBefore = now.AddSeconds(-5).UtcDateTime,
            Expires = now.AddMinutes(8).UtcDateTime,
            SigningCredentials = new SigningCredentials(new X509SecurityKey(certificate, KeyId), SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        certificate.Dispose();
        key.Dispose();
    }
}
