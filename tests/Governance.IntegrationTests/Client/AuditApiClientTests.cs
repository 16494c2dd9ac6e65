using Governance.Client;
using Governance.Client.Auth;
using Governance.Client.Errors;
using Governance.IntegrationTests.Contracts;
using Governance.Protocol.Audit;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Sdk;

public sealed class AuditApiClientTests(ContractsHttpFactory factory) : IClassFixture<ContractsHttpFactory>
{
    private GovernanceClient ClientFor(Infrastructure.TestMember member) =>
        new(factory.Server.BaseAddress, new MemberKeyTokenProvider(new MemberTokenFactory(member.Id, member.PrivateKey)), factory.Server.CreateHandler());

    [Fact]
    public async Task The_sdk_reads_entries_proofs_heads_and_exports_that_verify_offline()
    {
        using var alice = ClientFor(factory.Alice);
        var draft = await alice.Contracts.CreateAsync(new ContractContent
        {
            Title = "sdk audit",
            Parties = ["alice", "bob"],
            CleanRoom = new CleanRoomProfile(),
            AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('c', 96)] },
        });

        using var carol = ClientFor(factory.Carol);
        var page = await carol.Audit.ListEntriesAsync(contract: draft.Value.Id);
        var entry = Assert.Single(page.Entries);
        Assert.Equal("alice", (await carol.Audit.GetEntryAsync(entry.Sequence)).ActorId);

        var head = await carol.Audit.GetLatestTreeHeadAsync();
        var keys = await carol.Audit.GetServiceKeysAsync();
        Assert.Contains(keys.Keys, k => k.Kid == head.KeyId);
        var proof = await carol.Audit.GetInclusionProofAsync(entry.Sequence);
        Assert.Equal(proof.TreeHead.TreeSize, proof.TreeSize);
        Assert.Contains("\n", await carol.Audit.GetCheckpointAsync(), StringComparison.Ordinal);

        using var export = new MemoryStream();
        var covering = await carol.Audit.ExportAsync(export);
        var lines = System.Text.Encoding.UTF8.GetString(export.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(covering.TreeSize, lines.Length);

        // Members may read their own contract's entries but not export the whole log.
        await Assert.ThrowsAsync<GovernanceForbiddenException>(() => alice.Audit.ExportAsync(new MemoryStream()));
        Assert.NotEmpty((await alice.Audit.ListEntriesAsync(contract: draft.Value.Id)).Entries);
    }
}
