using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Governance.Domain.Audit;
using Governance.Domain.Errors;
using Governance.Persistence.Secrets;
using Governance.Protocol.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Governance.IntegrationTests.Secrets;

/// <summary>One behaviour for every backend: each concrete class runs this suite on its own backend.</summary>
public abstract class SecretStoreSuite<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : EmbeddedSecretsFactory
{
    protected TFactory Factory { get; } = factory;

    protected abstract string ExpectedBackend { get; }

    [Fact]
    public async Task A_stored_value_reads_back_exactly_and_versions_count_up()
    {
        var owner = NewOwner();
        var first = RandomNumberGenerator.GetBytes(1000);
        var second = RandomNumberGenerator.GetBytes(SecretValueLimit);
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();

        var v1 = await store.PutAsync(owner, "dataset-key", first, AuditActor.Member(owner));
        var v2 = await store.PutAsync(owner, "dataset-key", second, AuditActor.Member(owner));

        Assert.Equal((1, 1000), (v1.Version, v1.Length));
        Assert.Equal((2, SecretValueLimit), (v2.Version, v2.Length));
        Assert.Equal(second, await store.ReadCurrentAsync(owner, "dataset-key"));
        Assert.Equal([1, 2], (await store.ListVersionsAsync(owner, "dataset-key")).Select(v => v.Version));
        Assert.Equal(ExpectedBackend, await ScalarAsync($"SELECT backend FROM secrets WHERE owner = '{owner}' LIMIT 1"));
    }

    [Fact]
    public async Task Concurrent_uploads_of_one_name_each_get_their_own_version()
    {
        var owner = NewOwner();
        var values = Enumerable.Range(0, 6).Select(_ => RandomNumberGenerator.GetBytes(64)).ToList();

        var stored = await Task.WhenAll(values.Select(async value =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var metadata = await scope.ServiceProvider.GetRequiredService<ISecretStore>().PutAsync(owner, "shared", value, AuditActor.Member(owner));
            return (metadata.Version, Value: value);
        }));

        Assert.Equal([1, 2, 3, 4, 5, 6], stored.Select(s => s.Version).Order());
        await using var reader = Factory.Services.CreateAsyncScope();
        var store = reader.ServiceProvider.GetRequiredService<ISecretStore>();
        Assert.Equal(stored.Single(s => s.Version == 6).Value, await store.ReadCurrentAsync(owner, "shared"));
    }

    [Fact]
    public async Task Listing_shows_each_owners_current_versions_only()
    {
        var owner = NewOwner();
        var other = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "b", [1], AuditActor.Member(owner));
        await store.PutAsync(owner, "a", [1, 2], AuditActor.Member(owner));
        await store.PutAsync(owner, "a", [1, 2, 3], AuditActor.Member(owner));
        await store.PutAsync(other, "a", [9], AuditActor.Member(other));

        var listed = await store.ListAsync(owner);

        Assert.Equal(["a:2:3", "b:1:1"], listed.Select(s => $"{s.Name}:{s.Version}:{s.Length}"));
        Assert.All(listed, s => Assert.Equal(owner, s.Owner));
    }

    [Fact]
    public async Task Deleting_removes_every_version_and_the_sealed_values()
    {
        var owner = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "gone", RandomNumberGenerator.GetBytes(64), AuditActor.Member(owner));
        await store.PutAsync(owner, "gone", RandomNumberGenerator.GetBytes(64), AuditActor.Member(owner));

        Assert.True(await store.DeleteAsync(owner, "gone", AuditActor.Member(owner)));

        Assert.Null(await store.ReadCurrentAsync(owner, "gone"));
        Assert.Empty(await store.ListAsync(owner));
        Assert.False(await store.DeleteAsync(owner, "gone", AuditActor.Member(owner)));
        Assert.Equal("0", await ScalarAsync($"SELECT count(*) FROM secrets WHERE owner = '{owner}' AND (ciphertext IS NOT NULL OR wrapped_key IS NOT NULL)"));
        Assert.Equal("2", await ScalarAsync($"SELECT count(*) FROM secrets WHERE owner = '{owner}' AND deleted_at IS NOT NULL"));
        await AssertDestroyedOutsideTheDatabaseAsync(owner, "gone");

        var again = await store.PutAsync(owner, "gone", [7], AuditActor.Member(owner));
        Assert.Equal(3, again.Version);
        Assert.Equal([7], await store.ReadCurrentAsync(owner, "gone"));
    }

    [Fact]
    public async Task Changes_are_audited_without_values()
    {
        var owner = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "audited", [1, 2, 3], AuditActor.Member(owner));
        await store.DeleteAsync(owner, "audited", AuditActor.Member(owner));

        var actions = await ScalarAsync($"SELECT string_agg(action || ':' || outcome, ',' ORDER BY sequence) FROM audit_entries WHERE 'secret:{owner}/audited' = ANY(subjects)");
        Assert.Equal("secret.created:succeeded,secret.deleted:succeeded", actions);
    }

    [Fact]
    public async Task Invalid_names_and_sizes_are_refused()
    {
        var owner = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await Assert.ThrowsAsync<DomainException>(() => store.PutAsync(owner, "a/b", [1], AuditActor.Member(owner)));
        await Assert.ThrowsAsync<DomainException>(() => store.PutAsync(owner, "big", new byte[SecretValueLimit + 1], AuditActor.Member(owner)));
        await Assert.ThrowsAsync<DomainException>(() => store.PutAsync(owner, "empty", [], AuditActor.Member(owner)));
        Assert.Empty(await store.ListAsync(owner));
    }

    [Fact]
    public async Task Plaintext_never_reaches_database_rows_or_logs()
    {
        var owner = NewOwner();
        var marker = $"PLAINTEXT-{Guid.NewGuid():N}";
        var value = Encoding.UTF8.GetBytes(marker + " and some more bytes to be sure");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
            await store.PutAsync(owner, "watched", value, AuditActor.Member(owner));
            Assert.Equal(value, await store.ReadCurrentAsync(owner, "watched"));
        }

        var forms = PlaintextForms(value, marker);
        var rows = await ScalarAsync("SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') FROM secrets t")
            + await ScalarAsync("SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') FROM audit_entries t");
        Assert.Contains(owner, rows, StringComparison.Ordinal); // the dump does cover the rows just written
        Assert.All(forms, form => Assert.DoesNotContain(form, rows, StringComparison.OrdinalIgnoreCase));

        var logs = string.Join('\n', Factory.Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(',', r.StructuredState ?? [])}"));
        Assert.NotEmpty(Factory.Logs.GetSnapshot());
        Assert.All(forms, form => Assert.DoesNotContain(form, logs, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Over_http_a_member_writes_lists_and_deletes_but_never_reads_a_value()
    {
        using var client = Factory.CreateClient(Factory.Alice);
        var name = NewOwner();
        var value = RandomNumberGenerator.GetBytes(2048);
        var forms = PlaintextForms(value, "no-marker-" + Guid.NewGuid());

        var created = await client.PutAsJsonAsync($"/secrets/{name}", new { valueBase64 = Convert.ToBase64String(value) });
        using var raw = new ByteArrayContent(value);
        raw.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var updated = await client.PutAsync($"/secrets/{name}", raw);
        var list = await client.GetAsync("/secrets");
        var versions = await client.GetAsync($"/secrets/{name}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var listed = Assert.Single((await list.Content.ReadFromJsonAsync<SecretMetadata[]>())!, s => s.Name == name);
        Assert.Equal((Factory.Alice.Id, 2, 2048), (listed.Owner, listed.Version, listed.Length));
        Assert.Equal([1, 2], (await versions.Content.ReadFromJsonAsync<SecretMetadata[]>())!.Select(v => v.Version));
        foreach (var response in new[] { created, updated, list, versions })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.All(forms, form => Assert.DoesNotContain(form, body, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("value\"", body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/secrets/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/secrets/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/secrets/{name}")).StatusCode);
    }

    [Fact]
    public async Task Over_http_a_deleted_name_can_be_uploaded_again()
    {
        using var client = Factory.CreateClient(Factory.Alice);
        var name = NewOwner();
        var first = RandomNumberGenerator.GetBytes(100);
        var second = RandomNumberGenerator.GetBytes(200);

        var created = await client.PutAsJsonAsync($"/secrets/{name}", new { valueBase64 = Convert.ToBase64String(first) });
        var deleted = await client.DeleteAsync($"/secrets/{name}");
        var again = await client.PutAsJsonAsync($"/secrets/{name}", new { valueBase64 = Convert.ToBase64String(second) });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.NoContent), (created.StatusCode, deleted.StatusCode));
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
        var stored = (await again.Content.ReadFromJsonAsync<SecretMetadata>())!;
        Assert.Equal((2, 200), (stored.Version, stored.Length));
        Assert.Equal([2], (await (await client.GetAsync($"/secrets/{name}")).Content.ReadFromJsonAsync<SecretMetadata[]>())!.Select(v => v.Version));
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.Equal(second, await scope.ServiceProvider.GetRequiredService<ISecretStore>().ReadCurrentAsync(Factory.Alice.Id, name));
    }

    [Fact]
    public async Task Over_http_bad_values_are_refused_with_problem_details()
    {
        using var client = Factory.CreateClient(Factory.Bob);
        using var tooBig = new ByteArrayContent(new byte[SecretValueLimit + 1]);
        tooBig.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        var big = await client.PutAsync("/secrets/big", tooBig);
        var notBase64 = await client.PutAsJsonAsync("/secrets/x", new { valueBase64 = "not base64!" });
        var unknownField = await client.PutAsJsonAsync("/secrets/x", new { valueBase64 = "AQID", value = "AQID" });
        var badName = await client.PutAsJsonAsync("/secrets/bad%20name", new { valueBase64 = "AQID" });
        var anonymous = await Factory.CreateClient().GetAsync("/secrets");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, big.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notBase64.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badName.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", big.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain((await (await client.GetAsync("/secrets")).Content.ReadFromJsonAsync<SecretMetadata[]>())!, s => s.Name is "big" or "x");
    }

    [Fact]
    public async Task Over_http_members_see_and_delete_only_their_own_secrets()
    {
        using var asAlice = Factory.CreateClient(Factory.Alice);
        using var asBob = Factory.CreateClient(Factory.Bob);
        var name = NewOwner();
        await asAlice.PutAsJsonAsync($"/secrets/{name}", new { valueBase64 = "AQID" });

        Assert.DoesNotContain((await (await asBob.GetAsync("/secrets")).Content.ReadFromJsonAsync<SecretMetadata[]>())!, s => s.Name == name);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.GetAsync($"/secrets/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asBob.DeleteAsync($"/secrets/{name}")).StatusCode);
        Assert.Contains((await (await asAlice.GetAsync("/secrets")).Content.ReadFromJsonAsync<SecretMetadata[]>())!, s => s.Name == name);
    }

    [Fact]
    public async Task Over_http_only_operators_rewrap()
    {
        using var asOperator = Factory.CreateClient(Factory.Operator);
        using var asAlice = Factory.CreateClient(Factory.Alice);

        var byOperator = await asOperator.PostAsync("/secrets/key-encryption-keys/rewrap", null);
        var byMember = await asAlice.PostAsync("/secrets/key-encryption-keys/rewrap", null);

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
        Assert.Contains("\"rewrapped\"", await byOperator.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    protected const int SecretValueLimit = 64 * 1024;

    protected abstract Task AssertDestroyedOutsideTheDatabaseAsync(string owner, string name);

    protected static string NewOwner() => $"m{Guid.NewGuid():N}"[..12];

    protected static string[] PlaintextForms(byte[] value, string marker) =>
        [marker, Convert.ToHexString(value), Convert.ToBase64String(value), System.Buffers.Text.Base64Url.EncodeToString(value)];

    protected async Task<string> ScalarAsync(string sql)
    {
        await Factory.SequenceAuditAsync();
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}

public sealed class EmbeddedSecretStoreTests(EmbeddedSecretsFactory factory) : SecretStoreSuite<EmbeddedSecretsFactory>(factory)
{
    protected override string ExpectedBackend => EmbeddedSecretVault.Name;

    protected override Task AssertDestroyedOutsideTheDatabaseAsync(string owner, string name) => Task.CompletedTask;

    [Fact]
    public async Task Every_value_has_its_own_data_key_under_the_current_key_encryption_key()
    {
        var owner = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "one", [1, 2, 3], AuditActor.Member(owner));
        await store.PutAsync(owner, "two", [1, 2, 3], AuditActor.Member(owner));

        Assert.Equal("2", await ScalarAsync($"SELECT count(DISTINCT wrapped_key) FROM secrets WHERE owner = '{owner}' AND kek_id = 'kek-a'"));
        Assert.Equal("2", await ScalarAsync($"SELECT count(DISTINCT ciphertext) FROM secrets WHERE owner = '{owner}'"));
    }

    [Fact]
    public async Task Rotation_rewraps_data_keys_so_the_new_key_alone_opens_them()
    {
        var owner = NewOwner();
        var value = RandomNumberGenerator.GetBytes(300);
        var kekB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Governance.Persistence.GovernanceDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "rotated", value, AuditActor.Member(owner));
        var before = await ScalarAsync($"SELECT encode(ciphertext, 'hex') FROM secrets WHERE owner = '{owner}'");

        var both = Ring(("kek-a", EmbeddedSecretsFactory.KekA), ("kek-b", kekB));
        Assert.True(await RewrapAsync(scope.ServiceProvider, both) >= 1);
        Assert.Equal(0, await RewrapAsync(scope.ServiceProvider, both));

        Assert.Equal("kek-b", await ScalarAsync($"SELECT kek_id FROM secrets WHERE owner = '{owner}'"));
        Assert.Equal(before, await ScalarAsync($"SELECT encode(ciphertext, 'hex') FROM secrets WHERE owner = '{owner}'"));
        var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Secrets), s => s.Owner == owner);
        Assert.Equal(value, await new EmbeddedSecretVault(Ring(("kek-b", kekB))).OpenAsync(row, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new EmbeddedSecretVault(Ring(("kek-a", EmbeddedSecretsFactory.KekA))).OpenAsync(row, CancellationToken.None));

        // Back under the configured key, so the running service (kek-a only) still opens everything.
        Assert.True(await RewrapAsync(scope.ServiceProvider, Ring(("kek-b", kekB), ("kek-a", EmbeddedSecretsFactory.KekA))) >= 1);
        Assert.Equal(value, await store.ReadCurrentAsync(owner, "rotated"));
    }

    private static Task<int> RewrapAsync(IServiceProvider services, KeyEncryptionKeyRing ring) =>
        new Api.Application.Secrets.RewrapKeys(
            services.GetRequiredService<Domain.IUnitOfWork>(),
            new SecretKeyRotation(services.GetRequiredService<Governance.Persistence.GovernanceDbContext>(), ring),
            ring,
            services.GetRequiredService<Governance.Persistence.Audit.IAuditLog>()).HandleAsync(AuditActor.System, CancellationToken.None);

    private static KeyEncryptionKeyRing Ring(params (string Id, string Key)[] keys) =>
        new(new ConfiguredKeyEncryptionKeys(Microsoft.Extensions.Options.Options.Create(new SecretsOptions
        {
            KeyEncryptionKeys = [.. keys.Select(k => new KeyEncryptionKeyOptions { Id = k.Id, Key = k.Key })],
            CurrentKeyEncryptionKey = keys[^1].Id,
        })));
}

public sealed class KeyVaultSecretStoreTests(KeyVaultSecretsFactory factory) : SecretStoreSuite<KeyVaultSecretsFactory>(factory)
{
    protected override string ExpectedBackend => "azure-key-vault";

    [Fact]
    public async Task Deleting_waits_for_the_vault_to_finish_and_then_purges_the_secret()
    {
        var owner = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "purged", [1, 2, 3], AuditActor.Member(owner));
        var vaultName = (await ScalarAsync($"SELECT vault_reference FROM secrets WHERE owner = '{owner}'")).Split('/')[0];
        var purges = Factory.Vault.Purges;

        Assert.True(await store.DeleteAsync(owner, "purged", AuditActor.Member(owner)));

        // The vault reports the deletion in progress once (404) before the deleted secret can be read and purged.
        Assert.False(Factory.Vault.Holds(vaultName));
        Assert.False(Factory.Vault.IsSoftDeleted(vaultName));
        Assert.True(Factory.Vault.Purges > purges);
    }

    [Fact]
    public async Task A_soft_deleted_remnant_under_the_name_is_purged_when_a_value_is_stored()
    {
        var owner = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "remnant", [1], AuditActor.Member(owner));
        var vaultName = (await ScalarAsync($"SELECT vault_reference FROM secrets WHERE owner = '{owner}'")).Split('/')[0];
        // As if a deletion stopped between the vault's delete and its purge: the name is held by a deleted secret.
        var client = scope.ServiceProvider.GetRequiredService<Azure.Security.KeyVault.Secrets.SecretClient>();
        await (await client.StartDeleteSecretAsync(vaultName)).WaitForCompletionAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        Assert.True(Factory.Vault.IsSoftDeleted(vaultName));

        var stored = await store.PutAsync(owner, "remnant", [2], AuditActor.Member(owner));

        Assert.Equal(2, stored.Version);
        Assert.Equal([2], await store.ReadCurrentAsync(owner, "remnant"));
        Assert.False(Factory.Vault.IsSoftDeleted(vaultName));
    }

    protected override async Task AssertDestroyedOutsideTheDatabaseAsync(string owner, string name)
    {
        Assert.Equal("0", await ScalarAsync($"SELECT count(*) FROM secrets WHERE owner = '{owner}' AND name = '{name}' AND vault_reference NOT LIKE 'gov-%'"));
        var reference = await ScalarAsync($"SELECT vault_reference FROM secrets WHERE owner = '{owner}' AND name = '{name}' LIMIT 1");
        using var scope = Factory.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<Azure.Security.KeyVault.Secrets.SecretClient>();
        var failure = await Assert.ThrowsAsync<Azure.RequestFailedException>(
            () => client.GetSecretAsync(reference.Split('/')[0], reference.Split('/')[1]));
        Assert.Equal(404, failure.Status);
    }

    [Fact]
    public async Task The_sdk_meets_the_bearer_challenge_and_asks_for_the_vault_scope()
    {
        var owner = NewOwner();
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        await store.PutAsync(owner, "challenged", [42], AuditActor.Member(owner));

        Assert.True(Factory.Vault.Challenges >= 1);
        lock (Factory.Credential.RequestedScopes)
        {
            Assert.Contains(Factory.Credential.RequestedScopes, scopes => scopes.Contains("https://vault.azure.net/.default"));
        }

        Assert.Equal("0", await ScalarAsync($"SELECT count(*) FROM secrets WHERE owner = '{owner}' AND (ciphertext IS NOT NULL OR wrapped_key IS NOT NULL)"));
        Assert.Contains(Factory.Vault.StoredValues, v => v == Convert.ToBase64String([42]));
    }
}

/// <summary>Key Vault with <c>Secrets:KeyVault:PurgeOnDelete=false</c>: deleted values stay recoverable in the vault.</summary>
public sealed class RetainingKeyVaultSecretTests(RetainingKeyVaultSecretsFactory factory) : IClassFixture<RetainingKeyVaultSecretsFactory>
{
    [Fact]
    public async Task A_deleted_secret_stays_recoverable_and_its_name_is_refused_with_a_conflict()
    {
        using var client = factory.CreateClient(factory.Alice);
        var name = $"kept-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/secrets/{name}", new { valueBase64 = "AQID" })).StatusCode);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand($"SELECT vault_reference FROM secrets WHERE name = '{name}'", connection);
        var vaultName = ((string)(await query.ExecuteScalarAsync())!).Split('/')[0];

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/secrets/{name}")).StatusCode);
        var again = await client.PutAsJsonAsync($"/secrets/{name}", new { valueBase64 = "BAUG" });

        Assert.True(factory.Vault.IsSoftDeleted(vaultName));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("PurgeOnDelete", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/secrets/{name}")).StatusCode);
    }
}
