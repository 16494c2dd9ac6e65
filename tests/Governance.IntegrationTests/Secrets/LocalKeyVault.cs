using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.IntegrationTests.Secrets;

/// <summary>
/// A local HTTPS endpoint speaking the Key Vault secrets REST protocol (set, get by version, delete), with
/// the bearer challenge the SDK performs before its first authenticated call. The real SecretClient talks
/// to it through its ordinary pipeline; only the transport trusts this endpoint's self-signed certificate.
/// </summary>
public sealed class LocalKeyVault : IAsyncDisposable
{
    public const string Token = "local-vault-token";
    private const string Tenant = "72f988bf-0000-0000-0000-000000000000";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> secrets = new();
    private readonly X509Certificate2 certificate;
    private WebApplication? app;
    private int challenges;

    public LocalKeyVault()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public Uri VaultUri { get; private set; } = new("https://127.0.0.1/");

    /// <summary>Requests refused for want of a valid bearer token (the SDK's challenge round trips among them).</summary>
    public int Challenges => Volatile.Read(ref challenges);

    /// <summary>Every value currently held (as the vault stores them: the SDK's string form), for assertions.</summary>
    public IEnumerable<string> StoredValues => secrets.Values.SelectMany(versions => versions.Values);

    public int SecretCount => secrets.Count;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
            {
                Interlocked.Increment(ref challenges);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer authorization=\"https://login.microsoftonline.com/{Tenant}\", resource=\"https://vault.azure.net\"";
                return;
            }

            await next(context);
        });
        app.MapPut("/secrets/{name}", async (string name, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body) ?? throw new InvalidOperationException("empty body");
            var value = body["value"]!.GetValue<string>();
            var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            secrets.GetOrAdd(name, _ => new ConcurrentDictionary<string, string>())[version] = value;
            return Results.Text(Bundle(name, version, value, body["contentType"]?.GetValue<string>()).ToJsonString(), "application/json");
        });
        app.MapGet("/secrets/{name}/{version}", (string name, string version) =>
            secrets.TryGetValue(name, out var versions) && versions.TryGetValue(version, out var value)
                ? Results.Text(Bundle(name, version, value, null).ToJsonString(), "application/json")
                : NotFound(name));
        app.MapDelete("/secrets/{name}", (string name) =>
        {
            if (!secrets.TryRemove(name, out _))
            {
                return NotFound(name);
            }

            var deleted = Bundle(name, null, null, null);
            deleted["recoveryId"] = $"{VaultUri}deletedsecrets/{name}";
            deleted["deletedDate"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            deleted["scheduledPurgeDate"] = DateTimeOffset.UtcNow.AddDays(7).ToUnixTimeSeconds();
            return Results.Text(deleted.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        VaultUri = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>The SDK options for this vault: its transport trusts exactly this certificate.</summary>
    public void Configure(SecretClientOptions options)
    {
        var pinned = certificate.GetCertHash(HashAlgorithmName.SHA256);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && CryptographicOperations.FixedTimeEquals(presented.GetCertHash(HashAlgorithmName.SHA256), pinned);
        options.Transport = new HttpClientTransport(new HttpClient(handler));
        options.DisableChallengeResourceVerification = true;
        options.Retry.MaxRetries = 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        certificate.Dispose();
    }

    private JsonObject Bundle(string name, string? version, string? value, string? contentType)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bundle = new JsonObject
        {
            ["id"] = version is null ? $"{VaultUri}secrets/{name}" : $"{VaultUri}secrets/{name}/{version}",
            ["attributes"] = new JsonObject { ["enabled"] = true, ["created"] = now, ["updated"] = now, ["recoveryLevel"] = "Recoverable+Purgeable" },
        };
        if (value is not null)
        {
            bundle["value"] = value;
        }

        if (contentType is not null)
        {
            bundle["contentType"] = contentType;
        }

        return bundle;
    }

    private static IResult NotFound(string name) => Results.Json(
        new { error = new { code = "SecretNotFound", message = $"A secret with (name/id) {name} was not found in this key vault." } },
        statusCode: StatusCodes.Status404NotFound);
}

/// <summary>A credential that hands out the local vault's token, as Entra ID would for the vault's scope.</summary>
public sealed class LocalVaultCredential : TokenCredential
{
    public List<string[]> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.Add(requestContext.Scopes);
        }

        return new AccessToken(LocalKeyVault.Token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
