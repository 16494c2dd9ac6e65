using Governance.Client.Service;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.IntegrationTests.Cli;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence.Secrets;
using Governance.Protocol.Audit;
using Governance.Protocol.Service;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Service;

/// <summary>
/// In confidential mode a value reaches the service only encrypted to the transit key its attestation binds, and the
/// CLI encrypts only after it has checked that attestation.
/// </summary>
public sealed class SealedSecretUploadTests(ConfidentialServiceFixture service) : IClassFixture<ConfidentialServiceFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TestMember Alice => service.GenesisMembers.Single(m => m.Id == "alice");

    [Fact]
    public async Task A_plaintext_value_is_refused_and_nothing_is_stored()
    {
        using var client = service.CreateClient(Alice);
        using var body = new ByteArrayContent("plain"u8.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var problem = await ProblemAssert.IsProblem(await client.PutAsync("/secrets/plain-value", body), HttpStatusCode.BadRequest);
        Assert.Contains("application/jose", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Null(await ReadAsync("plain-value"));
    }

    [Fact]
    public async Task The_cli_checks_the_service_then_sends_the_value_sealed_to_its_transit_key()
    {
        using var cli = new CliRunner(service.Server.CreateHandler);
        var key = await KeyFileAsync(cli);

        var result = await cli.RunAsync("secrets", "put", "model-key", "--value", "s3cret value", "--service-measurement", service.MeasurementHex,
            "--extra-root", service.RootFile, "--service", service.Server.BaseAddress.ToString(), "--member", "alice", "--key", key);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("s3cret value"u8.ToArray(), await ReadAsync("model-key"));
    }

    [Fact]
    public async Task The_cli_sends_nothing_to_a_service_whose_measurement_is_not_approved()
    {
        using var cli = new CliRunner(service.Server.CreateHandler);
        var key = await KeyFileAsync(cli);

        var result = await cli.RunAsync("secrets", "put", "unsent-key", "--value", "never sent", "--service-measurement", new string('0', 96),
            "--extra-root", service.RootFile, "--service", service.Server.BaseAddress.ToString(), "--member", "alice", "--key", key);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("measurement.unapproved", result.Out, StringComparison.Ordinal);
        Assert.Null(await ReadAsync("unsent-key"));
    }

    [Fact]
    public async Task A_JWE_naming_another_key_made_to_another_key_or_not_a_JWE_is_refused()
    {
        var transit = (await AttestAsync()).Keys.Transit;
        using var other = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var point = other.ExportParameters(false).Q;
        var otherKey = transit with { X = Protocol.Audit.Base64Url.Encode(point.X!), Y = Protocol.Audit.Base64Url.Encode(point.Y!) };

        foreach (var body in new[]
        {
            TransitSealing.Seal("x"u8, transit with { Kid = "someone-else" }),
            TransitSealing.Seal("x"u8, otherKey),
            "not.a.jwe",
            "eyJhbGciOiJFQ0RILUVTIn0..",
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PutSealedAsync("refused-key", body)).StatusCode);
        }

        Assert.Null(await ReadAsync("refused-key"));
    }

    [Fact]
    public async Task A_sealed_value_to_the_current_transit_key_is_stored()
    {
        var transit = (await AttestAsync()).Keys.Transit;
        var response = await PutSealedAsync("sealed-key", TransitSealing.Seal("sealed"u8, transit));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("sealed"u8.ToArray(), await ReadAsync("sealed-key"));
    }

    private async Task<HttpResponseMessage> PutSealedAsync(string name, string jwe)
    {
        using var client = service.CreateClient(Alice);
        using var body = new StringContent(jwe, Encoding.ASCII);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
        return await client.PutAsync($"/secrets/{name}", body);
    }

    private async Task<ServiceAttestation> AttestAsync()
    {
        using var client = service.CreateClient();
        return (await client.GetFromJsonAsync<ServiceAttestation>("/service/attestation?nonce=" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Json))!;
    }

    private async Task<byte[]?> ReadAsync(string name)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISecretStore>().ReadCurrentAsync("alice", name);
    }

    private async Task<string> KeyFileAsync(CliRunner cli)
    {
        var path = Path.Combine(cli.Directory, "alice.pem");
        await File.WriteAllTextAsync(path, Alice.PrivateKey.ExportPkcs8PrivateKeyPem());
        return path;
    }
}
