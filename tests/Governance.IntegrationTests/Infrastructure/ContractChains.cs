using System.Net.Http.Json;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Infrastructure;

/// <summary>Amendment chains made through the API as parties make them: create, propose, every party approves, amend, edit.</summary>
internal static class ContractChains
{
    /// <summary>A valid content between alice and bob, with one secret named model-key, in a VMPL 0 clean room: a first version to amend.</summary>
    public static ContractContent TwoParty(string title, string secretOwner) => new()
    {
        Title = title,
        Parties = ["alice", "bob"],
        Secrets = [new SecretSpec { Owner = secretOwner, Name = "model-key" }],
        CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
        AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
    };

    /// <summary>An accepted contract with <paramref name="original"/> content made by the first of <paramref name="parties"/>.</summary>
    public static async Task<Guid> AcceptedAsync(GovernanceApiFactory service, ContractContent original, params TestMember[] parties)
    {
        using var proposer = service.CreateClient(parties[0]);
        var created = await Read(await proposer.PostAsJsonAsync("/contracts", original, ContractJson.Options));
        await Read(await proposer.PostAsync($"/contracts/{created.Id}/propose", null));
        await ApproveAllAsync(service, created.Id, parties);
        return created.Id;
    }

    /// <summary>Amends the accepted <paramref name="id"/> to <paramref name="amended"/> (a draft) and returns the new version's id.</summary>
    public static async Task<Guid> AmendAsync(GovernanceApiFactory service, Guid id, ContractContent amended, TestMember proposer)
    {
        using var client = service.CreateClient(proposer);
        var draft = await client.PostAsync($"/contracts/{id}/amend", null);
        var amendment = await Read(draft);
        using var edit = new HttpRequestMessage(HttpMethod.Put, $"/contracts/{amendment.Id}") { Content = JsonContent.Create(amended, options: ContractJson.Options) };
        edit.Headers.IfMatch.Add(draft.Headers.ETag!);
        await Read(await client.SendAsync(edit));
        return amendment.Id;
    }

    public static async Task ApproveAllAsync(GovernanceApiFactory service, Guid id, params TestMember[] parties)
    {
        foreach (var party in parties)
        {
            using var client = service.CreateClient(party);
            var digest = (await client.GetFromJsonAsync<ContractDigestView>($"/contracts/{id}/digest", ContractJson.Options))!.Digest;
            await Read(await client.PostAsJsonAsync($"/contracts/{id}/approvals",
                new ApproveContractRequest(digest, ContractApprovalSignature.Sign(party.PrivateKey, party.KeyId, id, digest)), ContractJson.Options));
        }
    }

    private static async Task<ContractView> Read(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? System.Text.Json.JsonSerializer.Deserialize<ContractView>(body, ContractJson.Options)!
            : throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
    }
}
