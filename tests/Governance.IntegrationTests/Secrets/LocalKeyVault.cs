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
/// A local HTTPS endpoint speaking the Key Vault secrets REST protocol (set, get by version, delete, get and
/// purge deleted secrets), with the bearer challenge the SDK performs before its first authenticated call. The
/// real SecretClient talks to it through its ordinary pipeline; only the transport trusts this endpoint's
/// self-signed certificate. Like a vault with soft delete (the default), a deleted secret stays recoverable
/// under its name until purged, and its deletion completes asynchronously: the first
/// <see cref="DeletionPolls"/> reads of the deleted secret answer 404, and purging or reusing the name meanwhile
/// is refused with 409.
/// </summary>
public sealed class LocalKeyVault : IAsyncDisposable
{
    public const string Token = "local-vault-token";
    private const string Tenant = "72f988bf-0000-0000-0000-000000000000";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> secrets = new();
    private readonly ConcurrentDictionary<string, DeletedSecret> deleted = new();
    private readonly X509Certificate2 certificate;
    private WebApplication? app;
    private int challenges;
    private int purges;

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

    /// <summary>How many reads of a deleted secret report its deletion as still in progress.</summary>
    public int DeletionPolls { get; set; } = 1;

    /// <summary>Successful purges.</summary>
    public int Purges => Volatile.Read(ref purges);

    /// <summary>Whether a secret of this vault name is deleted but recoverable (not purged).</summary>
    public bool IsSoftDeleted(string name) => deleted.ContainsKey(name);

    /// <summary>Whether a secret of this vault name is active.</summary>
    public bool Holds(string name) => secrets.ContainsKey(name);

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
            if (deleted.TryGetValue(name, out var remnant))
            {
                return remnant.Pending > 0
                    ? Conflict("ObjectIsBeingDeleted", $"Secret {name} is currently being deleted.")
                    : Conflict("ObjectIsDeletedButRecoverable",
                        $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.");
            }

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
            if (!secrets.TryRemove(name, out var versions))
            {
                return NotFound(name);
            }

            var remnant = new DeletedSecret(versions, DateTimeOffset.UtcNow) { Pending = DeletionPolls };
            deleted[name] = remnant;
            return Results.Text(DeletedBundle(name, remnant).ToJsonString(), "application/json");
        });
        app.MapGet("/deletedsecrets/{name}", (string name) =>
        {
            if (!deleted.TryGetValue(name, out var remnant))
            {
                return NotFound(name);
            }

            // While the deletion is in progress the deleted secret cannot be read yet: the SDK's delete operation polls on 404.
            lock (remnant)
            {
                if (remnant.Pending > 0)
                {
                    remnant.Pending--;
                    return NotFound(name);
                }
            }

            return Results.Text(DeletedBundle(name, remnant).ToJsonString(), "application/json");
        });
        app.MapDelete("/deletedsecrets/{name}", (string name) =>
        {
            if (!deleted.TryGetValue(name, out var remnant))
            {
                return NotFound(name);
            }

            if (remnant.Pending > 0)
            {
                return Conflict("ObjectIsBeingDeleted", $"Secret {name} is currently being deleted.");
            }

            deleted.TryRemove(name, out _);
            Interlocked.Increment(ref purges);
            return Results.NoContent();
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

    private JsonObject DeletedBundle(string name, DeletedSecret remnant)
    {
        var bundle = Bundle(name, null, null, null);
        bundle["recoveryId"] = $"{VaultUri}deletedsecrets/{name}";
        bundle["deletedDate"] = remnant.DeletedAt.ToUnixTimeSeconds();
        bundle["scheduledPurgeDate"] = remnant.DeletedAt.AddDays(90).ToUnixTimeSeconds();
        return bundle;
    }

    private static IResult Conflict(string innerCode, string message) => Results.Json(
        new { error = new { code = "Conflict", message, innererror = new { code = innerCode } } },
        statusCode: StatusCodes.Status409Conflict);

    private sealed class DeletedSecret(ConcurrentDictionary<string, string> versions, DateTimeOffset deletedAt)
    {
        public ConcurrentDictionary<string, string> Versions { get; } = versions;

        public DateTimeOffset DeletedAt { get; } = deletedAt;

        public int Pending { get; set; }
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
