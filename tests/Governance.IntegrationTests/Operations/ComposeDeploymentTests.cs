using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Simulation;
using Governance.Attestation.Snp.Verify;
using Governance.Client.Auth;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Release;
using Governance.Persistence;
using Governance.Protocol.Audit;
using Governance.Protocol.Contracts;
using Governance.Protocol.Members;
using Governance.Protocol.Release;
using Jose;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using YamlDotNet.RepresentationModel;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// The compose deployment run without Docker (see <see cref="ComposeDeployment"/>): the service works as the role
/// that owns nothing, and the README's back-up and restore brings a deployment back in a fresh cluster.
/// </summary>
public sealed class ComposeDeploymentTests : IAsyncLifetime
{
    private static readonly Lazy<SimulatedSnpPlatform> Platform = new(() => SimulatedSnpPlatform.Create(SnpProduct.Milan));
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);

    private readonly List<IAsyncDisposable> resources = [];
    private readonly List<TestMember> members = [];
    private string root = "";

    public async Task InitializeAsync() => root = await ComposeDeployment.PrepareOperatorFolderAsync();

    public async Task DisposeAsync()
    {
        foreach (var resource in Enumerable.Reverse(resources))
        {
            await resource.DisposeAsync();
        }

        foreach (var member in members)
        {
            member.Dispose();
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task The_service_works_as_a_role_that_owns_nothing_and_may_only_add_to_the_audit_log()
    {
        var deployment = Keep(await ComposeDeployment.StartPostgresAsync(root));
        await deployment.MigrateAsync();
        var port = ComposeDeployment.FreePort();
        var service = Keep(Found(deployment.ApiService(Platform.Value, port)));
        service.StartServer();

        var populated = await PopulateAsync(service);
        await ChangeEveryOtherTableAsync(service, populated.ContractId);

        // Every table holds rows written by the service role; the queue was emptied by its sequencer. The custody
        // tables are written in confidential mode only (Service/Custody/KeyCustodyTests), which this deployment is not.
        string[] confidentialOnly = ["service_custody", "service_custody_seals", "service_key_requests", "service_recovery_shares"];
        await using var superuser = new NpgsqlConnection(deployment.SuperuserConnectionString);
        await superuser.OpenAsync();
        foreach (var table in await ListAsync(superuser, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
        {
            var rows = await ScalarAsync<long>(superuser, $"SELECT count(*) FROM \"{table}\"");
            Assert.True(table == "audit_queue" || confidentialOnly.Contains(table) ? rows == 0 : rows > 0, $"{table}: {rows} rows");
        }

        // The role is no superuser and owns nothing; the migration role owns every table.
        var app = deployment.Setting("api", "ConnectionStrings__Governance");
        var appRole = new NpgsqlConnectionStringBuilder(app).Username!;
        var migratorRole = new NpgsqlConnectionStringBuilder(deployment.Setting("migrate", "ConnectionStrings__Governance")).Username!;
        Assert.False(await ScalarAsync<bool>(superuser, $"SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = '{appRole}'"));
        Assert.Equal(0, await ScalarAsync<long>(superuser, $"SELECT count(*) FROM pg_class WHERE relowner = '{appRole}'::regrole"));
        Assert.Empty(await ListAsync(superuser,
            $"SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'i') AND relowner <> '{migratorRole}'::regrole"));

        // What only an owner or a superuser may do, and changes to what is append-only, are refused by privilege.
        await using var connection = new NpgsqlConnection(app);
        await connection.OpenAsync();
        string[] refused =
        [
            "ALTER TABLE audit_entries DISABLE TRIGGER ALL",
            "ALTER TABLE contract_events DISABLE TRIGGER contract_events_append_only",
            "SET session_replication_role = replica",
            "DROP TABLE contracts",
            "ALTER TABLE members ADD COLUMN note text",
            "CREATE TABLE scratch (id int)",
            "CREATE TEMPORARY TABLE scratch (id int)",
            "UPDATE audit_entries SET action = 'forged'",
            "DELETE FROM audit_entries",
            "UPDATE audit_tree_nodes SET hash = hash",
            "DELETE FROM audit_tree_heads",
            "UPDATE contract_events SET reason = 'forged'",
            "DELETE FROM contract_events",
            "UPDATE contract_consents SET enabled = true",
            "DELETE FROM contract_consents",
            "TRUNCATE audit_queue",
            "UPDATE audit_queue SET action = 'forged'",
            "DELETE FROM \"__EFMigrationsHistory\"",
        ];
        foreach (var sql in refused)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.True(refusal.SqlState == PostgresErrorCodes.InsufficientPrivilege
                && (refusal.MessageText.StartsWith("permission denied", StringComparison.Ordinal) || refusal.MessageText.StartsWith("must be owner", StringComparison.Ordinal)),
                $"{sql}: {refusal.SqlState} {refusal.MessageText}");
        }

        // A migrator told to grant a superuser, itself, a missing role or a name that needs quoting refuses before it grants anything.
        await using (var migratorServices = Audit.AuditDatabase.NewServices(deployment.Setting("migrate", "ConnectionStrings__Governance")))
        {
            await using var scope = migratorServices.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            foreach (var (role, why) in new[] { ("postgres", "is a superuser"), (migratorRole, "is the migration role itself"), ("nobody_here", "does not exist"), ("App-Role", "not a plain") })
            {
                var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseMigrator.MigrateAsync(db, role));
                Assert.Contains(why, refusal.Message, StringComparison.Ordinal);
            }
        }

        // The compose healthcheck, run as docker runs it in the container: healthy while /readyz answers 200.
        var probe = ((YamlScalarNode)((YamlSequenceNode)DeploymentFiles.Compose().Map("services").Map("api").Map("healthcheck").Find("test")!).Children[3]).Value!.Replace("$$", "$", StringComparison.Ordinal);
        var healthy = await DeploymentFiles.BashAsync(probe, root, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(healthy.ExitCode == 0, healthy.Output);
        var nobody = await DeploymentFiles.BashAsync(probe, root, new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = ComposeDeployment.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.NotEqual(0, nobody.ExitCode);
    }

    [Fact]
    public async Task A_dump_restored_into_a_fresh_cluster_with_the_same_key_serves_the_same_log_and_releases()
    {
        var source = Keep(await ComposeDeployment.StartPostgresAsync(root));
        await source.MigrateAsync();
        var before = Keep(Found(source.ApiService(Platform.Value)));
        var populated = await PopulateAsync(before);

        // The README's commands, as `docker compose exec -T postgres` runs them in the postgres container.
        var backup = Assert.Single(DeploymentFiles.PostgresContainerCommands("### Back-up and restore"), c => c.StartsWith("pg_dump", StringComparison.Ordinal));
        var dumped = await DeploymentFiles.BashAsync(backup, root, source.PostgresEnvironment);
        Assert.True(dumped.ExitCode == 0, dumped.Output);

        var target = Keep(await ComposeDeployment.StartPostgresAsync(root));
        var restore = Assert.Single(DeploymentFiles.PostgresContainerCommands("### Back-up and restore"), c => c.StartsWith("pg_restore", StringComparison.Ordinal));
        var restored = await DeploymentFiles.BashAsync(restore, root, target.PostgresEnvironment);
        Assert.True(restored.ExitCode == 0, restored.Output);
        await target.MigrateAsync();
        var after = Keep(target.ApiService(Platform.Value));

        // The log continues the one that was dumped, and still verifies under a head signed now.
        var (entries, head, keys) = await ExportAsync(after, populated.Carol);
        Assert.True(AuditExportVerifier.Verify(entries, head, keys).IsValid);
        Assert.Equal(populated.Entries.Select(e => e.LeafHash), entries.Take(populated.Entries.Count).Select(e => e.LeafHash));
        Assert.Contains(keys, k => k.Kid == (string)JWT.Headers(populated.Receipt)["kid"]);

        // Both parties' consent still verifies offline against their keys.
        using (var bob = after.CreateClient(populated.Bob))
        {
            var approvals = (await bob.GetFromJsonAsync<ContractApprovalsView>($"/contracts/{populated.ContractId}/approvals", ContractJson.Options))!;
            Assert.Equal(2, approvals.Approvals.Count);
            Assert.All(approvals.Approvals, a => Assert.True(ContractApprovalSignature.Verify(a.Signature!, populated.ContractId, approvals.Digest, a.PublicJwk!).IsValid));
        }

        // A secret stored before the dump is released again, opened by the new VM's key to the same value.
        using var vm = new CleanRoomVm(Platform.Value, Measurement);
        var released = await ReleaseAsync(after, vm, populated.ContractId);
        Assert.Equal(populated.SecretValue, JWT.DecryptBytes(Assert.Single(released.Secrets).Jwe, vm.Key));
        Assert.Equal(populated.DatasetKey, JWT.DecryptBytes(Assert.Single(released.Datasets).Key, vm.Key));
    }

    private sealed record Populated(
        TestMember Bob, TestMember Carol, Guid ContractId, byte[] SecretValue, byte[] DatasetKey, string Receipt, IReadOnlyList<AuditEntryDto> Entries);

    private T Keep<T>(T resource)
        where T : IAsyncDisposable
    {
        resources.Add(resource);
        return resource;
    }

    /// <summary>The founding members: two parties, an auditor, an operator; Bob also signs in through an external identity.</summary>
    private DeployedServiceFactory Found(DeployedServiceFactory service)
    {
        foreach (var (id, role) in new[] { ("alice", "member"), ("bob", "member"), ("carol", "auditor"), ("ops", "operator") })
        {
            members.Add(service.AddGenesisMember(id, role));
        }

        members[^3].ExternalIdentities.Add(("https://login.example/tenant/v2.0", "bob-oid"));
        return service;
    }

    /// <summary>
    /// What the back-up must carry: members, secrets, a contract both parties approved with signatures, a release,
    /// and the audit log of it all, sequenced and exported.
    /// </summary>
    private async Task<Populated> PopulateAsync(DeployedServiceFactory service)
    {
        var (alice, bob, carol) = (members[^4], members[^3], members[^2]);
        var secretValue = RandomNumberGenerator.GetBytes(2000);
        var datasetKey = RandomNumberGenerator.GetBytes(32);
        using var aliceClient = service.CreateClient(alice);
        using var bobClient = service.CreateClient(bob);
        Assert.True((await aliceClient.PutAsJsonAsync("/secrets/model", new { valueBase64 = Convert.ToBase64String(secretValue) })).IsSuccessStatusCode);
        Assert.True((await bobClient.PutAsJsonAsync("/secrets/sales-key", new { valueBase64 = Convert.ToBase64String(datasetKey) })).IsSuccessStatusCode);

        var content = new ContractContent
        {
            Title = "Sales uplift study",
            Parties = [alice.Id, bob.Id],
            Secrets = [new SecretSpec { Owner = alice.Id, Name = "model" }],
            Datasets = [new DatasetSpec { Owner = bob.Id, Name = "sales", Location = "https://storage.example/sales", Format = "parquet", KeySecret = "sales-key" }],
            CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
            AttestationPolicy = new AttestationPolicySpec { Measurements = [Convert.ToHexStringLower(Measurement)] },
        };
        var created = await aliceClient.PostAsJsonAsync("/contracts", content, ContractJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ContractView>(ContractJson.Options))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await aliceClient.PostAsync($"/contracts/{id}/propose", null)).StatusCode);
        var digest = (await bobClient.GetFromJsonAsync<ContractDigestView>($"/contracts/{id}/digest", ContractJson.Options))!.Digest;
        foreach (var (client, party) in new[] { (aliceClient, alice), (bobClient, bob) })
        {
            var approval = new ApproveContractRequest(digest, ContractApprovalSignature.Sign(party.PrivateKey, party.KeyId, id, digest));
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/contracts/{id}/approvals", approval, ContractJson.Options)).StatusCode);
        }

        using var vm = new CleanRoomVm(Platform.Value, Measurement);
        var released = await ReleaseAsync(service, vm, id);
        Assert.Equal(secretValue, JWT.DecryptBytes(Assert.Single(released.Secrets).Jwe, vm.Key));

        var (entries, head, keys) = await ExportAsync(service, carol);
        Assert.True(AuditExportVerifier.Verify(entries, head, keys).IsValid);
        Assert.Contains(entries, e => e.Action == "release.granted");
        return new Populated(bob, carol, id, secretValue, datasetKey, released.Receipt, entries);
    }

    /// <summary>Writes to the tables a contract and a release leave alone, each through the service as its role.</summary>
    private async Task ChangeEveryOtherTableAsync(DeployedServiceFactory service, Guid contractId)
    {
        var (alice, bob, ops) = (members[^4], members[^3], members[^1]);
        using var aliceClient = service.CreateClient(alice);
        using var bobClient = service.CreateClient(bob);

        // A party pauses the contract's execution with its signed consent switch.
        var pause = ContractConsentSignature.Sign(alice.PrivateKey, alice.KeyId, contractId, "execution", false, 1);
        Assert.Equal(HttpStatusCode.OK, (await aliceClient.PostAsJsonAsync($"/contracts/{contractId}/consent",
            new ChangeConsentRequest("execution", false, 1, pause, "deployment check"))).StatusCode);

        // A member joins by proposal and ballots.
        using var daveKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var proposed = await aliceClient.PostAsJsonAsync("/proposals", new CreateProposalRequest
        {
            Kind = ProposalKindDto.AddMember, MemberId = "dave", DisplayName = "Dave", Roles = ["member"], Keys = [TestMember.PublicJwkOf(daveKey)],
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var proposal = (await proposed.Content.ReadFromJsonAsync<ProposalResponse>())!;
        foreach (var client in new[] { aliceClient, bobClient })
        {
            Assert.True((await client.PostAsJsonAsync($"/proposals/{proposal.Id}/ballots", new CastBallotRequest { Vote = VoteDto.Approve })).IsSuccessStatusCode);
        }

        Assert.Equal(ProposalStateDto.Accepted, (await aliceClient.GetFromJsonAsync<ProposalResponse>($"/proposals/{proposal.Id}"))!.State);

        // A key added and removed; a secret stored and deleted; fresh service keys; a fetched endorsement kept; a CRL kept and replaced by a later one.
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(HttpStatusCode.Created, (await aliceClient.PostAsJsonAsync("/members/me/keys", new { key = TestMember.PublicJwkOf(second) })).StatusCode);
        Assert.True((await aliceClient.DeleteAsync($"/members/me/keys/{MemberTokenFactory.ComputeKeyId(second)}")).IsSuccessStatusCode);
        Assert.True((await aliceClient.PutAsJsonAsync("/secrets/scratch", new { valueBase64 = "AAEC" })).IsSuccessStatusCode);
        Assert.True((await aliceClient.DeleteAsync("/secrets/scratch")).IsSuccessStatusCode);
        using (var opsClient = service.CreateClient(ops))
        {
            Assert.Equal(HttpStatusCode.OK, (await opsClient.PostAsync("/keys/rotate", null)).StatusCode);
        }

        await service.Services.GetRequiredService<IEndorsementCache>().SetAsync("vcek:test", [1, 2, 3], CancellationToken.None);
        var crls = service.Services.GetRequiredService<Governance.Attestation.Snp.Revocation.IRevocationListStore>();
        await crls.PutAsync("crl:test", [1, 2, 3], DateTimeOffset.UtcNow.AddDays(-2), null, CancellationToken.None);
        await crls.PutAsync("crl:test", [4, 5, 6], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), CancellationToken.None);
        await service.SequenceAuditAsync();
    }

    private static async Task<ReleaseResponse> ReleaseAsync(DeployedServiceFactory service, CleanRoomVm vm, Guid contractId)
    {
        using var client = service.CreateClient();
        var challenge = (await (await client.PostAsync("/release/challenges", null)).Content.ReadFromJsonAsync<ReleaseChallenge>())!;
        var response = await client.PostAsJsonAsync("/release", vm.Request(contractId.ToString(), challenge.Nonce));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ReleaseResponse>())!;
    }

    private static async Task<(List<AuditEntryDto> Entries, TreeHeadDto Head, IReadOnlyList<ServiceJwk> Keys)> ExportAsync(DeployedServiceFactory service, TestMember auditor)
    {
        using var client = service.CreateClient(auditor);
        using var response = await client.GetAsync("/audit/export?format=jsonl");
        response.EnsureSuccessStatusCode();
        var head = JsonSerializer.Deserialize<TreeHeadDto>(Convert.FromBase64String(response.Headers.GetValues("Audit-Tree-Head").Single()), AuditJson.Options)!;
        var entries = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<AuditEntryDto>(line, AuditJson.Options)!).ToList();
        var keys = (await client.GetFromJsonAsync<ServiceJwkSet>("/keys", AuditJson.Options))!.Keys;
        return (entries, head, keys);
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
