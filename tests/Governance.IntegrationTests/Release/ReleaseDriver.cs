using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Domain.Contracts;
using Governance.Persistence.Contracts;
using Governance.Protocol.Contracts;
using Governance.Protocol.Release;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

using Governance.IntegrationTests.Infrastructure;

namespace Governance.IntegrationTests.Release;

/// <summary>A contract seeded for release, with the values its parties stored.</summary>
internal sealed record Seeded(string ContractId, string Digest, string SecretName, byte[] SecretValue, byte[] DatasetKey, byte[] DatasetCredential);

/// <summary>
/// What every release flow test does against the real service: seed an accepted contract with a secret and a
/// dataset (key and credential), take challenges, post release requests and read the rules a refusal names.
/// </summary>
internal sealed class ReleaseDriver(ReleaseFactory factory)
{
    /// <summary>Uploads a value as a party would: in confidential mode sealed to the service's attested transit key.</summary>
    private async Task<HttpResponseMessage> PutSecretAsync(HttpClient client, string name, byte[] value)
    {
        if (factory is not Agent.ConfidentialReleaseFlowFactory)
        {
            return await client.PutAsJsonAsync($"/secrets/{name}", new { valueBase64 = Convert.ToBase64String(value) });
        }

        var attested = (await client.GetFromJsonAsync<Governance.Protocol.Service.ServiceAttestation>(
            "/service/attestation?nonce=" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)))!;
        using var sealedValue = new StringContent(Governance.Protocol.Service.TransitSealing.Seal(value, attested.Keys.Transit), Encoding.ASCII);
        sealedValue.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/jose");
        return await client.PutAsync($"/secrets/{name}", sealedValue);
    }

    public async Task<Seeded> SeedAsync(
        byte[] measurement, Func<AttestationPolicySpec, AttestationPolicySpec>? policy = null, bool accept = true, ContractValidity? validity = null, CustomRuntime? runtime = null,
        Func<ContractContent, ContractContent>? shape = null)
    {
        var secretName = $"model-{Guid.NewGuid():N}"[..20];
        var keyName = $"sales-key-{Guid.NewGuid():N}"[..24];
        var credentialName = $"sales-sas-{Guid.NewGuid():N}"[..24];
        var secretValue = RandomNumberGenerator.GetBytes(3000);
        var datasetKey = RandomNumberGenerator.GetBytes(32);
        var credential = Encoding.UTF8.GetBytes($"sv=2026&sig={Guid.NewGuid():N}");
        using (var alice = factory.CreateClient(factory.Alice))
        using (var bob = factory.CreateClient(factory.Bob))
        {
            Assert.True((await PutSecretAsync(alice, secretName, secretValue)).IsSuccessStatusCode);
            Assert.True((await PutSecretAsync(bob, keyName, datasetKey)).IsSuccessStatusCode);
            Assert.True((await PutSecretAsync(bob, credentialName, credential)).IsSuccessStatusCode);
        }

        var spec = new AttestationPolicySpec { Measurements = [Convert.ToHexStringLower(measurement)] };
        var content = new ContractContent
        {
            Title = "Sales uplift study",
            Parties = [factory.Alice.Id, factory.Bob.Id],
            Secrets = [new SecretSpec { Owner = factory.Alice.Id, Name = secretName }],
            Datasets =
            [
                new DatasetSpec
                {
                    Owner = factory.Bob.Id, Name = "sales", Location = "https://storage.example/sales", Format = "parquet",
                    SchemaDigest = "sha256:" + new string('1', 64), KeySecret = keyName, CredentialSecret = credentialName,
                },
            ],
            CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0, CustomRuntime = runtime },
            AttestationPolicy = policy?.Invoke(spec) ?? spec,
            Validity = validity ?? new ContractValidity(),
        };
        content = shape?.Invoke(content) ?? content;
        var id = Guid.NewGuid();
        var now = factory.Time.GetUtcNow();
        await StoredContracts.AddAsync(factory.Services, Contract.Create(id, factory.Alice.Id, content, now));

        await ChangeAsync(id.ToString(), c => c.Propose(factory.Alice.Id, now));
        if (accept)
        {
            foreach (var party in new[] { factory.Alice.Id, factory.Bob.Id })
            {
                await ChangeAsync(id.ToString(), c => c.Approve(party, c.Digest, ApprovalEvidence.UnsignedExternal, amended: null, now));
            }
        }

        return new Seeded(id.ToString(), Convert.ToHexStringLower(ContractDigest.Compute(content)), secretName, secretValue, datasetKey, credential);
    }

    /// <summary>Posts <paramref name="member"/>'s change of a consent switch, signed with its key over <paramref name="sequence"/>.</summary>
    public async Task<HttpResponseMessage> ChangeConsentAsync(
        IntegrationTests.Infrastructure.TestMember member, string contractId, string consentSwitch, bool enabled, int sequence, string? reason)
    {
        using var client = factory.CreateClient(member);
        var signature = ContractConsentSignature.Sign(member.PrivateKey, member.KeyId, Guid.Parse(contractId), consentSwitch, enabled, sequence);
        return await client.PostAsJsonAsync($"/contracts/{contractId}/consent", new ChangeConsentRequest(consentSwitch, enabled, sequence, signature, reason));
    }

    public Task ChangeAsync(string id, Action<Contract> change) => StoredContracts.ChangeAsync(factory.Services, Guid.Parse(id), change);

    public async Task<string> ChallengeAsync()
    {
        using var client = factory.CreateClient();
        var challenge = await (await client.PostAsync("/release/challenges", null)).Content.ReadFromJsonAsync<ReleaseChallenge>();
        return challenge!.Nonce;
    }

    public async Task<HttpResponseMessage> ReleaseAsync(ReleaseRequest request)
    {
        using var client = factory.CreateClient();
        return await client.PostAsJsonAsync("/release", request);
    }

    public static async Task<string[]> RefusedRulesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        return [.. problem.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!).Distinct().Order(StringComparer.Ordinal)];
    }

    public async Task<string> ScalarAsync(string sql)
    {
        await factory.SequenceAuditAsync();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
