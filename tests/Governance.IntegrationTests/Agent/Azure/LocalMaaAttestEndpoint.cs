using System.Buffers.Text;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Governance.Attestation;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Release;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.IntegrationTests.Agent.Azure;

/// <summary>
/// An Azure Attestation provider's <c>POST /attest/SevSnpVm?api-version=2022-08-01</c> on loopback HTTPS: it decodes the
/// request as Azure's REST reference gives it (report = base64url JSON {SnpReport, VcekCertChain}, runtimeData {data,
/// dataType}), verifies the SEV-SNP report and its chain with the project's verifier (the simulated platform's roots
/// trusted), checks that REPORT_DATA begins with the SHA-256 of the runtime data, and answers {"token": JWT} with the
/// report's claims, signed by the local provider whose key set the service trusts (<c>Attestation:MaaProviders</c>).
/// </summary>
internal sealed class LocalMaaAttestEndpoint : IAsyncDisposable
{
    private readonly X509Certificate2 tlsCertificate = LoopbackApp.CreateCertificate();
    private WebApplication? app;
    private int attestations;

    /// <summary>The agent's <c>--maa</c> value.</summary>
    public Uri Address { get; private set; } = new("https://127.0.0.1/");

    /// <summary>Tokens issued, to show the agent came here.</summary>
    public int Attestations => Volatile.Read(ref attestations);

    public async Task StartAsync(SimulatedSnpPlatform platform, LocalAttestationProvider signer, TimeProvider time)
    {
        var verifier = new EvidenceVerifier(new EvidenceVerifierOptions { Snp = new() { ExtraTrustedRoots = [platform.TrustRoot], Offline = true } }, time);
        (app, var address) = await LoopbackApp.StartAsync(routes => routes.MapPost("/attest/SevSnpVm", async (HttpRequest request) =>
        {
            if (request.Query["api-version"] != "2022-08-01")
            {
                return Results.BadRequest(new { error = new { code = "InvalidParameter", message = "api-version" } });
            }

            using var body = await JsonDocument.ParseAsync(request.Body);
            using var report = JsonDocument.Parse(Base64Url.DecodeFromChars(body.RootElement.GetProperty("report").GetString()));
            var snp = Base64Url.DecodeFromChars(report.RootElement.GetProperty("SnpReport").GetString());
            var chain = Base64Url.DecodeFromChars(report.RootElement.GetProperty("VcekCertChain").GetString());
            var runtimeData = body.RootElement.GetProperty("runtimeData");
            var runtime = Base64Url.DecodeFromChars(runtimeData.GetProperty("data").GetString());
            if (runtimeData.GetProperty("dataType").GetString() != "Binary")
            {
                return Results.BadRequest(new { error = new { code = "InvalidParameter", message = "runtimeData.dataType" } });
            }

            AttestationClaims claims;
            try
            {
                claims = await verifier.VerifyAsync(new SnpEvidence(snp, chain), request.HttpContext.RequestAborted);
            }
            catch (AttestationVerificationException exception)
            {
                return Results.BadRequest(new { error = new { code = "InvalidParameter", message = exception.Message } });
            }

            if (!CryptographicOperations.FixedTimeEquals(claims.ReportData.AsSpan(0, 32), SHA256.HashData(runtime)))
            {
                return Results.BadRequest(new { error = new { code = "InvalidParameter", message = "REPORT_DATA does not hash the runtime data" } });
            }

            Interlocked.Increment(ref attestations);
            return Results.Json(new { token = signer.Mint(Claims(claims, runtime), time.GetUtcNow()) });
        }), tlsCertificate);
        Address = address;
    }

    /// <summary>
    /// A network handler for the agent: this endpoint over TLS, its certificate pinned (the agent itself trusts the
    /// machine's roots, as it does Azure's), and everything else to <paramref name="service"/>.
    /// </summary>
    public HttpMessageHandler Route(Func<HttpMessageHandler> service)
    {
        var pinned = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHash().AsSpan().SequenceEqual(tlsCertificate.GetCertHash()),
            },
        };
        return new RoutingHandler(Address, new HttpMessageInvoker(pinned), new HttpMessageInvoker(service()));
    }

    private static Dictionary<string, object> Claims(AttestationClaims claims, byte[] runtime)
    {
        using var runtimeJson = JsonDocument.Parse(runtime.AsSpan().TrimEnd((byte)0).ToArray());
        var userData = runtimeJson.RootElement.GetProperty("user-data").GetString()!;
        var tcb = claims.ReportedTcb!;
        return new Dictionary<string, object>
        {
            ["x-ms-attestation-type"] = "sevsnpvm",
            ["x-ms-compliance-status"] = "azure-compliant-cvm",
            ["x-ms-runtime"] = new Dictionary<string, object> { ["keys"] = Array.Empty<object>(), ["user-data"] = userData.ToLowerInvariant() },
            ["x-ms-sevsnpvm-launchmeasurement"] = Convert.ToHexStringLower(claims.Measurement),
            ["x-ms-sevsnpvm-hostdata"] = Convert.ToHexStringLower(claims.HostData),
            ["x-ms-sevsnpvm-reportdata"] = Convert.ToHexStringLower(claims.ReportData),
            ["x-ms-sevsnpvm-idkeydigest"] = Convert.ToHexStringLower(claims.IdKeyDigest),
            ["x-ms-sevsnpvm-authorkeydigest"] = Convert.ToHexStringLower(claims.AuthorKeyDigest),
            ["x-ms-sevsnpvm-familyId"] = Convert.ToHexStringLower(claims.FamilyId),
            ["x-ms-sevsnpvm-imageId"] = Convert.ToHexStringLower(claims.ImageId),
            ["x-ms-sevsnpvm-guestsvn"] = (long)claims.GuestSvn,
            ["x-ms-sevsnpvm-vmpl"] = (long)claims.Vmpl,
            ["x-ms-sevsnpvm-is-debuggable"] = claims.Debuggable,
            ["x-ms-sevsnpvm-migration-allowed"] = claims.MigrationAgentAllowed,
            ["x-ms-sevsnpvm-smt-allowed"] = claims.SmtAllowed,
            ["x-ms-sevsnpvm-bootloader-svn"] = (int)tcb.BootLoader,
            ["x-ms-sevsnpvm-tee-svn"] = (int)tcb.Tee,
            ["x-ms-sevsnpvm-snpfw-svn"] = (int)tcb.Snp,
            ["x-ms-sevsnpvm-microcode-svn"] = (int)tcb.Microcode,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        tlsCertificate.Dispose();
    }

    private sealed class RoutingHandler(Uri provider, HttpMessageInvoker toProvider, HttpMessageInvoker toService) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { } uri && uri.Port == provider.Port && uri.Host == provider.Host
                ? toProvider.SendAsync(request, cancellationToken)
                : toService.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                toProvider.Dispose();
                toService.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
