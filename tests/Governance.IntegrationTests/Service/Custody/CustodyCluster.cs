using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Persistence.Audit;
using Governance.Persistence.Secrets;
using Governance.Protocol.Audit;
using Governance.Protocol.Members;
using Governance.Protocol.Service;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Service.Custody;

/// <summary>
/// Confidential instances over one database, as replicas behind one endpoint would be: three founding members, each
/// with a recovery key (P-384, ECDH) it keeps to itself, and as many simulated chips as the test starts instances on.
/// </summary>
public sealed class CustodyCluster : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<ConfidentialInstance> instances = [];
    private readonly List<SimulatedServicePlatform> platforms = [];

    private CustodyCluster(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public IReadOnlyList<TestMember> Members { get; } = [TestMember.Create("alice"), TestMember.Create("bob"), TestMember.Create("carol")];

    public Dictionary<string, ECDiffieHellman> RecoveryKeys { get; } = new()
    {
        ["alice"] = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384),
        ["bob"] = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384),
        ["carol"] = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384),
    };

    public TestMember Member(string id) => Members.Single(m => m.Id == id);

    public static async Task<CustodyCluster> CreateAsync() => new(await TestPostgres.CreateDatabaseAsync("custody"));

    /// <summary>A chip running the build <paramref name="measurement"/> (a new build when null). Every instance trusts every chip made so far.</summary>
    public SimulatedServicePlatform Chip(byte[]? measurement = null)
    {
        var platform = new SimulatedServicePlatform(measurement);
        platforms.Add(platform);
        return platform;
    }

    /// <summary>Starts an instance on <paramref name="chip"/> and waits for its start-up (unsealing included) to end.</summary>
    /// <param name="configure">Settings of this instance's own, applied before it starts.</param>
    public ConfidentialInstance Start(SimulatedServicePlatform chip, Action<IDictionary<string, string?>>? configure = null)
    {
        var instance = new ConfidentialInstance(chip, ConnectionString, Members, platforms);
        configure?.Invoke(instance.Settings);
        instances.Add(instance);
        _ = instance.Server;
        return instance;
    }

    public async Task StopAsync(ConfidentialInstance instance)
    {
        instances.Remove(instance);
        await instance.DisposeAsync();
    }

    public static async Task<ServiceStatus> StatusAsync(ConfidentialInstance instance)
    {
        using var client = instance.CreateClient();
        return (await client.GetFromJsonAsync<ServiceStatus>("/service/status", Json))!;
    }

    /// <summary>Waits (bounded) until the instance's custody state is <paramref name="state"/>.</summary>
    public static async Task<ServiceStatus> WaitForAsync(ConfidentialInstance instance, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var status = await StatusAsync(instance);
            if (status.State == state || DateTime.UtcNow > deadline)
            {
                Assert.True(status.State == state, $"Expected {state}, still {status.State}: {status.Reason}");
                return status;
            }

            await Task.Delay(100);
        }
    }

    public static async Task<ServiceAttestation> AttestAsync(ConfidentialInstance instance)
    {
        using var client = instance.CreateClient();
        return (await client.GetFromJsonAsync<ServiceAttestation>("/service/attestation?nonce=" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Json))!;
    }

    /// <summary>Stores a secret of alice's through <paramref name="instance"/>, sealed to its attested transit key.</summary>
    public async Task<HttpResponseMessage> PutSecretAsync(ConfidentialInstance instance, string name, string value)
    {
        var transit = (await AttestAsync(instance)).Keys.Transit;
        using var client = instance.CreateClient(Member("alice"));
        using var body = new StringContent(TransitSealing.Seal(Encoding.UTF8.GetBytes(value), transit), Encoding.ASCII);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
        return await client.PutAsync($"/secrets/{name}", body);
    }

    /// <summary>Reads alice's secret back through the instance's own vault, which needs the key-encryption key.</summary>
    public static async Task<string> ReadSecretAsync(ConfidentialInstance instance, string name)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var value = await scope.ServiceProvider.GetRequiredService<ISecretStore>().ReadCurrentAsync("alice", name);
        return Encoding.UTF8.GetString(value!);
    }

    /// <summary>Every member registers its recovery key.</summary>
    public async Task RegisterRecoveryKeysAsync(ConfidentialInstance instance)
    {
        foreach (var member in Members)
        {
            using var client = instance.CreateClient(member);
            var response = await client.PutAsJsonAsync("/members/me/recovery-key", new { key = RecoveryJwk(member.Id) });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    public object RecoveryJwk(string memberId)
    {
        var point = RecoveryKeys[memberId].ExportParameters(includePrivateParameters: false).Q;
        return new { kty = "EC", crv = "P-384", x = Base64Url.Encode(point.X!), y = Base64Url.Encode(point.Y!) };
    }

    /// <summary>Alice proposes; alice and bob approve (a majority of three); returns the proposal as enacted.</summary>
    public async Task<ProposalResponse> EnactAsync(ConfidentialInstance instance, object proposal)
    {
        using var alice = instance.CreateClient(Member("alice"));
        var opened = await alice.PostAsJsonAsync("/proposals", proposal);
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var id = (await opened.Content.ReadFromJsonAsync<ProposalResponse>(Json))!.Id;
        ProposalResponse? last = null;
        foreach (var voter in new[] { "alice", "bob" })
        {
            using var client = instance.CreateClient(Member(voter));
            var cast = await client.PostAsJsonAsync($"/proposals/{id}/ballots", new { vote = "approve" });
            Assert.True(cast.IsSuccessStatusCode, await cast.Content.ReadAsStringAsync());
            last = await cast.Content.ReadFromJsonAsync<ProposalResponse>(Json);
        }

        Assert.Equal(ProposalStateDto.Accepted, last!.State);
        return last;
    }

    /// <summary>The member's share, fetched from the service and opened with its recovery key: index byte, then value.</summary>
    public async Task<byte[]> OpenOwnShareAsync(ConfidentialInstance instance, string memberId)
    {
        using var client = instance.CreateClient(Member(memberId));
        var share = (await client.GetFromJsonAsync<RecoveryShareResponse>("/service/recovery/share", Json))!;
        var point = RecoveryKeys[memberId].ExportParameters(false).Q;
        return TransitSealing.Open(share.Share, RecoveryKeys[memberId], ServiceJwk.Thumbprint("P-384", Base64Url.Encode(point.X!), Base64Url.Encode(point.Y!)));
    }

    /// <summary>A holder submits its opened share to <paramref name="instance"/>, sealed to that instance's attested transit key.</summary>
    public async Task<HttpResponseMessage> SubmitShareAsync(ConfidentialInstance instance, string memberId, byte[] share)
    {
        var transit = (await AttestAsync(instance)).Keys.Transit;
        using var client = instance.CreateClient(Member(memberId));
        return await client.PostAsJsonAsync("/service/recovery/shares", new { share = TransitSealing.Seal(share, transit) });
    }

    public static async Task<List<string>> AuditActionsAsync(ConfidentialInstance instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditSequencer>().CatchUpAsync();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        return await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        foreach (var platform in platforms)
        {
            await platform.DisposeAsync();
        }

        foreach (var member in Members)
        {
            member.Dispose();
        }

        foreach (var key in RecoveryKeys.Values)
        {
            key.Dispose();
        }
    }
}
