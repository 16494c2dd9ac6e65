using System.Collections;
using System.Security.Cryptography;
using System.Text;
using Governance.Api.Service.Custody;
using Governance.Persistence;
using Governance.Persistence.Keys;
using Governance.Persistence.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.IntegrationTests.Service.Custody;

/// <summary>
/// What an operator holds in confidential mode (every row of the database, the process environment and every
/// configuration value the service was started with) opens neither a stored secret nor a service signing key: the
/// key-encryption key appears nowhere in it, and a key-encryption key the operator configures is never used.
/// </summary>
public sealed class OperatorReachTests
{
    [Fact]
    public async Task A_database_dump_with_the_hosts_environment_and_configuration_opens_no_secret_and_no_signing_key()
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        // The operator leaves a key-encryption key in the configuration, as outside confidential mode.
        var configuredKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var instance = cluster.Start(cluster.Chip(), settings =>
        {
            settings["Secrets:KeyEncryptionKeys:0:Id"] = "operator-kek";
            settings["Secrets:KeyEncryptionKeys:0:Key"] = configuredKey;
        });
        await CustodyCluster.WaitForAsync(instance, "open");
        var value = "plaintext-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await cluster.PutSecretAsync(instance, "protected", value);

        await using var scope = instance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var dump = await DumpAsync(db);
        var host = string.Join('\n', instance.Settings.Values.Concat(Environment.GetEnvironmentVariables().Values.Cast<object?>().Select(v => v?.ToString())));

        // What must not be found: the secret, the key-encryption key, and each signing key's private scalar, in every spelling.
        var kek = scope.ServiceProvider.GetRequiredService<KeyCustody>().RequireKey();
        var signingScalars = (await scope.ServiceProvider.GetRequiredService<IServiceSigningKeys>().GetAllAsync())
            .Select(k => k.PrivateKey.ExportParameters(includePrivateParameters: true).D!).ToList();
        Assert.NotEmpty(signingScalars);
        foreach (var haystack in new[] { dump, host })
        {
            Assert.DoesNotContain(value, haystack, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), haystack, StringComparison.Ordinal);
            foreach (var secretBytes in signingScalars.Prepend(kek))
            {
                foreach (var spelling in Spellings(secretBytes))
                {
                    Assert.DoesNotContain(spelling, haystack, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        // Every wrapped key names the key made in the VM, not the one configured (Secrets:KeyEncryptionKeys is set,
        // as an operator might leave it), and the configured one does not open them under any name.
        var custodyKeyId = (await db.Custody.SingleAsync()).KeyId;
        var secret = await db.Secrets.SingleAsync(s => s.Name == "protected");
        var signing = await db.ServiceSigningKeys.ToListAsync();
        Assert.Equal(custodyKeyId, secret.KekId);
        Assert.All(signing, row => Assert.Equal(custodyKeyId, row.KekId));
        var configured = new ConfiguredKeyEncryptionKeys(Options.Create(instance.Services.GetRequiredService<IOptions<SecretsOptions>>().Value)).Current;
        Assert.NotEmpty(configured.Keys);
        var renamed = new KeyEncryptionKeyRing(new FixedKeys(new KeyEncryptionKeySet(custodyKeyId,
            new Dictionary<string, byte[]> { [custodyKeyId] = configured.Keys.Values.First() })));
        Assert.ThrowsAny<CryptographicException>(() => renamed.Unwrap(custodyKeyId, secret.WrappedKey!));
        Assert.All(signing, row => Assert.ThrowsAny<CryptographicException>(() => renamed.Unwrap(custodyKeyId, row.WrappedPrivateKey!)));
    }

    /// <summary>Every row of every table, as PostgreSQL renders it to JSON (bytea as hex).</summary>
    private static async Task<string> DumpAsync(GovernanceDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT coalesce(json_agg(t)::text, '') FROM \"{table}\" t";
            dump.AppendLine(table).AppendLine((string?)await rows.ExecuteScalarAsync());
        }

        Assert.Contains("service_custody", dump.ToString(), StringComparison.Ordinal);
        return dump.ToString();
    }

    private static IEnumerable<string> Spellings(byte[] bytes) =>
        [Convert.ToHexString(bytes), Convert.ToBase64String(bytes), Protocol.Audit.Base64Url.Encode(bytes)];

    private sealed class FixedKeys(KeyEncryptionKeySet keys) : IKeyEncryptionKeySource
    {
        public KeyEncryptionKeySet Current => keys;
    }
}
