using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// The service's connections prepare the statements they repeat, so PostgreSQL parses and plans each once per
/// connection rather than on every request.
/// </summary>
public sealed class StatementPreparationTests(GovernanceApiFactory factory) : IClassFixture<GovernanceApiFactory>
{
    [Fact]
    public async Task A_statement_repeated_on_a_service_connection_is_prepared_in_PostgreSQL()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                _ = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM audit_queue WHERE id > {i}").ToListAsync();
            }

            var prepared = await db.Database
                .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%FROM audit_queue WHERE id >%'")
                .SingleAsync();
            Assert.Equal(1, prepared);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Theory]
    [InlineData("Host=localhost;Max Auto Prepare=5", 5)]
    [InlineData("Host=localhost;MaxAutoPrepare=0", 0)]
    [InlineData("Host=localhost;Database=governance", ServiceConnectionString.AutoPreparedStatements)]
    public void An_explicit_setting_wins_over_the_default(string given, int expected) =>
        Assert.Equal(expected, new Npgsql.NpgsqlConnectionStringBuilder(ServiceConnectionString.WithAutoPrepare(given)).MaxAutoPrepare);
}
