using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Api.Auth;
using Governance.Attestation;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Release;
using Governance.Protocol.Contracts;
using Governance.Protocol.Release;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Browser;

/// <summary>
/// The console's service: alice (a P-256 key, given to the page as a PEM file) and bob (a P-384 key, given as a JWK
/// file) are members, carol audits; clean rooms attest with a simulated AMD-like platform trusted here only.
/// </summary>
public sealed class ConsoleFixture : BrowserServiceFixture
{
    private static readonly Lazy<SimulatedSnpPlatform> SharedPlatform = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));
    private readonly string keyFolder = Directory.CreateTempSubdirectory("governance-console-keys-").FullName;

    public ConsoleFixture()
    {
        Alice = AddGenesisMember("alice", Roles.Member);
        Bob = AddGenesisMember(new TestMember("bob", [Roles.Member], ECDsa.Create(ECCurve.NamedCurves.nistP384)));
        Carol = AddGenesisMember("carol", Roles.Auditor);
        AlicePemFile = Path.Combine(keyFolder, "alice.pem");
        File.WriteAllText(AlicePemFile, Alice.PrivateKey.ExportPkcs8PrivateKeyPem());
        BobJwkFile = Path.Combine(keyFolder, "bob.jwk");
        var bob = Bob.PrivateKey.ExportParameters(includePrivateParameters: true);
        File.WriteAllText(BobJwkFile, JsonSerializer.Serialize(new
        {
            kty = "EC", crv = "P-384",
            x = Base64Url.EncodeToString(bob.Q.X), y = Base64Url.EncodeToString(bob.Q.Y), d = Base64Url.EncodeToString(bob.D),
        }));
    }

    public TestMember Alice { get; }

    public TestMember Bob { get; }

    public TestMember Carol { get; }

    /// <summary>Alice's private key as governance keys new writes it: PEM PKCS#8.</summary>
    public string AlicePemFile { get; }

    /// <summary>Bob's private key as a JWK with its d member.</summary>
    public string BobJwkFile { get; }

    /// <summary>A contract between alice and bob, drafted and proposed by alice through the API.</summary>
    public async Task<Guid> ProposeAsync(string title, byte[] measurement)
    {
        var content = new ContractContent
        {
            Title = title,
            Description = "A study both parties agreed to run in a clean room.",
            Parties = [Alice.Id, Bob.Id],
            Secrets = [new SecretSpec { Owner = Alice.Id, Name = "model-weights" }],
            CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [Convert.ToHexStringLower(measurement)], MinimumGuestSvn = 1 },
            Validity = new ContractValidity { MaxReleases = 10 },
        };
        using var alice = CreateClient(Alice);
        var created = await alice.PostAsJsonAsync("/contracts", content, ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync($"/contracts/{id}/propose", null)).StatusCode);
        return id;
    }

    /// <summary>Both parties approve through the API, each signing the digest with its key.</summary>
    public async Task AcceptAsync(Guid id)
    {
        var digest = (await ContractAsync(id)).Digest;
        foreach (var party in new[] { Alice, Bob })
        {
            using var client = CreateClient(party);
            var approved = await client.PostAsJsonAsync($"/contracts/{id}/approvals",
                new ApproveContractRequest(digest, ContractApprovalSignature.Sign(party.PrivateKey, party.KeyId, id, digest)), ContractJson.Options);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
    }

    /// <summary>A clean room whose launch measurement is <paramref name="measurement"/> asks for the contract's secrets.</summary>
    public async Task<HttpResponseMessage> ReleaseAsync(Guid id, byte[] measurement)
    {
        using var vm = new CleanRoomVm(SharedPlatform.Value, measurement);
        using var client = CreateClient();
        var challenge = (await (await client.PostAsync("/release/challenges", null)).Content.ReadFromJsonAsync<ReleaseChallenge>())!;
        return await client.PostAsJsonAsync("/release", vm.Request(id.ToString(), challenge.Nonce));
    }

    public async Task<ContractView> ContractAsync(Guid id)
    {
        using var carol = CreateClient(Carol);
        return (await carol.GetFromJsonAsync<ContractView>($"/contracts/{id}", ContractJson.Options))!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(keyFolder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new EvidenceVerifier(
            new EvidenceVerifierOptions { Snp = new() { ExtraTrustedRoots = [SharedPlatform.Value.TrustRoot], Offline = true } }, TimeProvider.System)));
    }
}
