using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.IntegrationTests.Cli;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Persistence.Keys;
using Governance.Persistence.Secrets;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Governance.IntegrationTests.Keys;

/// <summary>The service signing keys: sealed at rest, rotated by operators, picked up by every replica.</summary>
public sealed class ServiceKeysTests(ServiceKeysFactory factory) : IClassFixture<ServiceKeysFactory>
{
    private async Task<ServiceJwkSet> KeysAsync() =>
        (await factory.CreateClient().GetFromJsonAsync<ServiceJwkSet>("/keys", AuditJson.Options))!;

    private async Task<TreeHeadDto> LatestHeadAsync()
    {
        using var auditor = factory.CreateClient(factory.Carol);
        return (await auditor.GetFromJsonAsync<TreeHeadDto>("/audit/tree-heads/latest", AuditJson.Options))!;
    }

    private async Task<ServiceKeyRotationDto> RotateAsync()
    {
        using var ops = factory.CreateClient(factory.Operator);
        var response = await ops.PostAsync("/keys/rotate", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ServiceKeyRotationDto>(AuditJson.Options))!;
    }

    private static Api.Application.Secrets.RewrapKeys Rotation(IServiceProvider services) =>
        new(services.GetRequiredService<Domain.IUnitOfWork>(),
            new SecretKeyRotation(services.GetRequiredService<GovernanceDbContext>(), services.GetRequiredService<KeyEncryptionKeyRing>()),
            services.GetRequiredService<KeyEncryptionKeyRing>(),
            services.GetRequiredService<Persistence.Audit.IAuditLog>());

    private static RotatedServiceKeyDto Of(ServiceKeyRotationDto rotation, string purpose) =>
        Assert.Single(rotation.Keys, k => k.Purpose == purpose);

    private static string CurrentKid(ServiceJwkSet keys, string alg) => keys.Keys.First(k => k.Alg == alg).Kid;

    private static bool SignedBy(TreeHeadDto head, ServiceJwkSet keys)
    {
        var jwk = keys.Keys.SingleOrDefault(k => k.Kid == head.KeyId);
        using var key = jwk?.ToECDsa();
        return key is not null && head.VerifySignature(key);
    }

    private async Task<List<(string KeyId, string? KekId, byte[] Row)>> RawRowsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        // Every column of the row, whatever the schema holds, as the text PostgreSQL would hand to a backup.
        await using var command = new NpgsqlCommand(
            "SELECT key_id, kek_id, convert_to(row_to_json(k)::text, 'UTF8') FROM service_signing_keys k", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, byte[])>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        }

        return rows;
    }

    [Theory]
    [InlineData(ServiceKeyPurpose.TreeHeads)]
    [InlineData(ServiceKeyPurpose.Receipts)]
    public async Task Rows_hold_the_private_key_only_sealed_by_the_key_encryption_key(ServiceKeyPurpose purpose)
    {
        await LatestHeadAsync();
        var current = await factory.Services.GetRequiredService<IServiceSigningKeys>().GetCurrentAsync(purpose);
        var pkcs8 = current.PrivateKey.ExportPkcs8PrivateKey();
        var d = current.PrivateKey.ExportParameters(includePrivateParameters: true).D!;

        var rows = await RawRowsAsync();
        Assert.Equal("kek-keys", Assert.Single(rows, r => r.KeyId == current.KeyId).KekId);
        foreach (var row in rows)
        {
            foreach (var form in new[] { Convert.ToHexString(pkcs8), Convert.ToHexString(d), Convert.ToBase64String(pkcs8), Base64Url.Encode(d) })
            {
                Assert.DoesNotContain(form, System.Text.Encoding.UTF8.GetString(row.Row), StringComparison.OrdinalIgnoreCase);
            }
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().ServiceSigningKeys.AsNoTracking().SingleAsync(k => k.KeyId == current.KeyId);
        Assert.Null(stored.LegacyPrivateKeyPkcs8);

        // The sealed bytes open with the configured key-encryption key, and only unaltered.
        var ring = scope.ServiceProvider.GetRequiredService<KeyEncryptionKeyRing>();
        using var opened = ECDsa.Create();
        opened.ImportPkcs8PrivateKey(ring.Unwrap(stored.KekId!, stored.WrappedPrivateKey!), out _);
        Assert.Equal(d, opened.ExportParameters(true).D);
        var tampered = (byte[])stored.WrappedPrivateKey!.Clone();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => ring.Unwrap(stored.KekId!, tampered));
    }

    [Fact]
    public async Task Only_operators_rotate_others_get_401_or_403_problems()
    {
        var before = (await KeysAsync()).Keys.Count;
        await ProblemAssert.IsProblem(await factory.CreateClient().PostAsync("/keys/rotate", null), HttpStatusCode.Unauthorized);
        using (var alice = factory.CreateClient(factory.Alice))
        {
            await ProblemAssert.IsProblem(await alice.PostAsync("/keys/rotate", null), HttpStatusCode.Forbidden);
        }

        using (var carol = factory.CreateClient(factory.Carol))
        {
            await ProblemAssert.IsProblem(await carol.PostAsync("/keys/rotate", null), HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, (await KeysAsync()).Keys.Count);
    }

    [Fact]
    public async Task Rotation_is_audited_new_heads_carry_the_new_kid_and_old_heads_still_verify()
    {
        var oldHead = await LatestHeadAsync();
        var receiptBefore = CurrentKid(await KeysAsync(), ServiceJwk.ReceiptAlgorithm);
        var both = await RotateAsync();
        var rotation = Of(both, "treeHeads");
        Assert.Equal(oldHead.KeyId, rotation.PreviousKeyId);
        Assert.NotEqual(oldHead.KeyId, rotation.Current.Kid);
        Assert.Equal(("P-384", "ES384"), (rotation.Current.Crv, rotation.Current.Alg));
        var receipts = Of(both, "receipts");
        Assert.Equal(receiptBefore, receipts.PreviousKeyId);
        Assert.Equal(("P-256", "ES256"), (receipts.Current.Crv, receipts.Current.Alg));

        // The rotation is itself an entry, so the log has grown and its new head is signed with the new key.
        var newHead = await LatestHeadAsync();
        Assert.True(newHead.TreeSize > oldHead.TreeSize);
        Assert.Equal(rotation.Current.Kid, newHead.KeyId);

        var keys = await KeysAsync();
        Assert.Equal(rotation.Current.Kid, CurrentKid(keys, ServiceJwk.TreeHeadAlgorithm));
        Assert.Equal(receipts.Current.Kid, CurrentKid(keys, ServiceJwk.ReceiptAlgorithm));
        Assert.Contains(keys.Keys, k => k.Kid == receiptBefore);
        Assert.Contains(keys.Keys, k => k.Kid == oldHead.KeyId);
        Assert.True(SignedBy(oldHead, keys));
        Assert.True(SignedBy(newHead, keys));
        using (var auditor = factory.CreateClient(factory.Carol))
        {
            var stored = (await auditor.GetFromJsonAsync<TreeHeadDto>($"/audit/tree-heads/{oldHead.TreeSize}", AuditJson.Options))!;
            Assert.True(SignedBy(stored, keys));
            var proof = (await auditor.GetFromJsonAsync<ConsistencyProofDto>($"/audit/consistency?from={oldHead.TreeSize}&to={newHead.TreeSize}", AuditJson.Options))!;
            Assert.True(proof.Verify());

            var page = (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?action=service.signing_key.rotated&limit=1000", AuditJson.Options))!;
            foreach (var key in both.Keys)
            {
                var entry = Assert.Single(page.Entries, e => e.Details.GetProperty("keyId").GetString() == key.Current.Kid);
                Assert.Equal(("member", "ops", "succeeded"), (entry.ActorKind, entry.ActorId, entry.Outcome));
                Assert.Equal(key.Purpose, entry.Details.GetProperty("purpose").GetString());
                Assert.Equal(key.PreviousKeyId, entry.Details.GetProperty("previousKeyId").GetString());
                Assert.Contains($"service-key:{key.Current.Kid}", entry.Subjects);
            }
        }
    }

    [Fact]
    public async Task A_rotation_whose_key_row_fails_leaves_no_audit_entry_and_no_key()
    {
        async Task<int> RotatedEntriesAsync()
        {
            using var auditor = factory.CreateClient(factory.Carol);
            return (await auditor.GetFromJsonAsync<AuditEntryPage>("/audit/entries?action=service.signing_key.rotated&limit=1000", AuditJson.Options))!.Entries.Count;
        }

        var entries = await RotatedEntriesAsync();
        var keys = (await KeysAsync()).Keys.Count;
        await using var replica = factory.Replica(TimeProvider.System);
        await ExecuteAsync("""
            CREATE FUNCTION test_refuse_signing_key() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER test_refuse_signing_key BEFORE INSERT ON service_signing_keys FOR EACH ROW EXECUTE FUNCTION test_refuse_signing_key();
            """);
        try
        {
            // The audit entry is queued first; the key row then fails, and the entry must go with it.
            await Assert.ThrowsAsync<DbUpdateException>(() => replica.GetRequiredService<IServiceSigningKeys>().RotateAllAsync(Domain.Audit.AuditActor.Member("ops")));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER test_refuse_signing_key ON service_signing_keys; DROP FUNCTION test_refuse_signing_key();");
        }

        Assert.Equal(entries, await RotatedEntriesAsync());
        Assert.Equal(keys, (await KeysAsync()).Keys.Count);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Another_replica_switches_to_the_rotated_key_within_its_refresh_interval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var replica = factory.Replica(time);
        var keys = replica.GetRequiredService<IServiceSigningKeys>();
        var before = await keys.GetCurrentAsync();
        var receiptBefore = await keys.GetCurrentAsync(ServiceKeyPurpose.Receipts);

        var both = await RotateAsync();
        var rotation = Of(both, "treeHeads");
        Assert.Equal(before.KeyId, rotation.PreviousKeyId);
        Assert.Equal(receiptBefore.KeyId, Of(both, "receipts").PreviousKeyId);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(before.KeyId, (await keys.GetCurrentAsync()).KeyId);
        Assert.Equal(receiptBefore.KeyId, (await keys.GetCurrentAsync(ServiceKeyPurpose.Receipts)).KeyId);
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await keys.GetCurrentAsync();
        Assert.Equal(rotation.Current.Kid, after.KeyId);
        Assert.Equal(Of(both, "receipts").Current.Kid, (await keys.GetCurrentAsync(ServiceKeyPurpose.Receipts)).KeyId);

        // The replica opened the sealed key itself: what it signs verifies against the published key.
        var signature = after.PrivateKey.SignData("replica"u8, HashAlgorithmName.SHA384);
        using var published = (await KeysAsync()).Keys.Single(k => k.Kid == after.KeyId).ToECDsa();
        Assert.True(published.VerifyData("replica"u8, signature, HashAlgorithmName.SHA384));
    }

    [Fact]
    public async Task Key_encryption_key_rotation_rewraps_the_signing_keys_and_a_replica_without_the_key_cannot_sign()
    {
        await LatestHeadAsync();
        var kekB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using (var rotated = factory.Replica(TimeProvider.System, ("kek-keys", ServiceKeysFactory.Kek), ("kek-b", kekB)))
        await using (var scope = rotated.CreateAsyncScope())
        {
            Assert.True(await Rotation(scope.ServiceProvider).HandleAsync(Domain.Audit.AuditActor.System, CancellationToken.None) >= 1);
            Assert.All(await RawRowsAsync(), r => Assert.Equal("kek-b", r.KekId));
        }

        // Publishing reads only public keys: the service (which holds only the old KEK) still serves them all.
        Assert.Equal((await RawRowsAsync()).Count, (await KeysAsync()).Keys.Count);

        // kek-b alone opens every key now; the old key alone does not.
        await using (var onlyB = factory.Replica(TimeProvider.System, ("kek-b", kekB)))
        {
            Assert.NotEmpty(await onlyB.GetRequiredService<IServiceSigningKeys>().GetAllAsync());
        }

        await using (var onlyOld = factory.Replica(TimeProvider.System))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => onlyOld.GetRequiredService<IServiceSigningKeys>().GetCurrentAsync());
        }

        // Back under the service's configured key, so later starts open them.
        await using (var back = factory.Replica(TimeProvider.System, ("kek-b", kekB), ("kek-keys", ServiceKeysFactory.Kek)))
        await using (var scope = back.CreateAsyncScope())
        {
            await Rotation(scope.ServiceProvider).HandleAsync(Domain.Audit.AuditActor.System, CancellationToken.None);
        }

        Assert.All(await RawRowsAsync(), r => Assert.Equal("kek-keys", r.KekId));
    }

    [Fact]
    public async Task A_key_stored_in_plain_by_an_earlier_version_is_sealed_and_still_published()
    {
        await LatestHeadAsync();
        using var legacy = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var createdAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var kid = ServiceJwk.FromPublicKey(legacy, createdAt).Kid;
        var pkcs8 = legacy.ExportPkcs8PrivateKey();
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO service_signing_keys (key_id, private_key_pkcs8, public_key_spki, created_at) VALUES ($1, $2, $3, $4)", connection);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kid });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = pkcs8 });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = legacy.ExportSubjectPublicKeyInfo() });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = createdAt });
            await insert.ExecuteNonQueryAsync();
        }

        await using (var replica = factory.Replica(TimeProvider.System))
        await using (var scope = replica.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var ring = scope.ServiceProvider.GetRequiredService<KeyEncryptionKeyRing>();
            Assert.Equal(1, await ServiceSigningKeySealing.RewrapAsync(db, ring, legacyOnly: true, CancellationToken.None));
            Assert.Equal(0, await ServiceSigningKeySealing.RewrapAsync(db, ring, legacyOnly: true, CancellationToken.None));
        }

        var row = Assert.Single(await RawRowsAsync(), r => r.KeyId == kid);
        Assert.Equal("kek-keys", row.KekId);
        Assert.DoesNotContain(Convert.ToHexString(pkcs8), System.Text.Encoding.UTF8.GetString(row.Row), StringComparison.OrdinalIgnoreCase);
        Assert.Contains((await KeysAsync()).Keys, k => k.Kid == kid);
    }

    [Fact]
    public async Task A_sealed_key_copied_into_another_row_is_refused()
    {
        await LatestHeadAsync();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var createdAt = new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var kid = ServiceJwk.FromPublicKey(other, createdAt).Kid;
        await using var replica = factory.Replica(TimeProvider.System);
        await using (var scope = replica.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var donor = await db.ServiceSigningKeys.AsNoTracking().FirstAsync(k => k.KekId != null);
            db.ServiceSigningKeys.Add(new ServiceSigningKeyRow
            {
                KeyId = kid,
                KekId = donor.KekId,
                WrappedPrivateKey = donor.WrappedPrivateKey,
                PublicKeySpki = other.ExportSubjectPublicKeyInfo(),
                CreatedAt = createdAt,
            });
            await db.SaveChangesAsync();
        }

        try
        {
            await Assert.ThrowsAsync<CryptographicException>(() => replica.GetRequiredService<IServiceSigningKeys>().GetAllAsync());
        }
        finally
        {
            await using var scope = replica.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().ServiceSigningKeys.Where(k => k.KeyId == kid).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_cli_lists_and_rotates_and_refuses_members()
    {
        using var cli = new CliRunner(factory.Server.CreateHandler);
        var listed = await cli.RunAsync(["service-keys", "list", "--json", "--service", factory.Server.BaseAddress.ToString()]);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var before = JsonDocument.Parse(listed.Out).RootElement;

        var rotated = await cli.RunAsync(["service-keys", "rotate", "--json", .. factory.As("ops")]);
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        var rotation = Of(JsonSerializer.Deserialize<ServiceKeyRotationDto>(rotated.Out, AuditJson.Options)!, "treeHeads");
        Assert.Equal(before.EnumerateArray().First(k => k.GetProperty("alg").GetString() == ServiceJwk.TreeHeadAlgorithm).GetProperty("kid").GetString(),
            rotation.PreviousKeyId);

        var refused = await cli.RunAsync(["service-keys", "rotate", .. factory.As("alice")]);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("403", refused.Error, StringComparison.Ordinal);

        var after = await cli.RunAsync(["service-keys", "list", "--service", factory.Server.BaseAddress.ToString()]);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains(rotation.Current.Kid, after.Out, StringComparison.Ordinal);
        Assert.Equal(rotation.Current.Kid, CurrentKid(await KeysAsync(), ServiceJwk.TreeHeadAlgorithm));
    }

    [Fact]
    public async Task The_sdk_rotates_as_operator_and_gets_a_typed_refusal_otherwise()
    {
        using var ops = new Client.GovernanceClient(factory.Server.BaseAddress,
            new Client.Auth.MemberKeyTokenProvider(new Client.Auth.MemberTokenFactory("ops", factory.Operator.PrivateKey)), factory.Server.CreateHandler());
        var rotation = await ops.ServiceKeys.RotateAsync();
        var listed = await ops.ServiceKeys.ListAsync();
        Assert.Equal(2, rotation.Keys.Count);
        Assert.All(rotation.Keys, k => Assert.Equal(k.Current.Kid, CurrentKid(listed, k.Current.Alg)));

        using var alice = new Client.GovernanceClient(factory.Server.BaseAddress,
            new Client.Auth.MemberKeyTokenProvider(new Client.Auth.MemberTokenFactory("alice", factory.Alice.PrivateKey)), factory.Server.CreateHandler());
        await Assert.ThrowsAsync<Client.Errors.GovernanceForbiddenException>(() => alice.ServiceKeys.RotateAsync());
    }
}
