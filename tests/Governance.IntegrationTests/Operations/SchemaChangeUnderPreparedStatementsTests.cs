using Governance.Domain.Secrets;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Persistence.Release;
using Governance.Persistence.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// A rolling upgrade migrates the schema while older replicas keep their connections and prepared statements.
/// A prepared statement whose result columns change fails once in PostgreSQL ("cached plan must not change
/// result type"), so the release path names its columns and an added column leaves it working.
/// </summary>
public sealed class SchemaChangeUnderPreparedStatementsTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    [Fact]
    public async Task The_release_reads_keep_working_on_a_connection_that_prepared_them_before_a_column_was_added()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var contracts = scope.ServiceProvider.GetRequiredService<IReleaseContracts>();
        var secrets = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        SecretRef[] wanted = [new("nobody", "nothing")];

        await db.Database.OpenConnectionAsync();
        try
        {
            async Task ReadBothAsync()
            {
                Assert.Null(await contracts.LoadForReleaseAsync(Guid.NewGuid().ToString("D"), DateTimeOffset.UtcNow, CancellationToken.None));
                Assert.Empty(await secrets.ReadCurrentAsync(wanted));
            }

            for (var i = 0; i < 6; i++)
            {
                await ReadBothAsync();
            }

            await using (var other = new Npgsql.NpgsqlConnection(factory.ConnectionString))
            {
                await other.OpenAsync();
                await using var alter = new Npgsql.NpgsqlCommand(
                    "ALTER TABLE contracts ADD COLUMN added_later text; ALTER TABLE secrets ADD COLUMN added_later text", other);
                await alter.ExecuteNonQueryAsync();
            }

            await ReadBothAsync();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
