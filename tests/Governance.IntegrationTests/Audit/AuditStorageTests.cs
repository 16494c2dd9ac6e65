using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Governance.Persistence;

namespace Governance.IntegrationTests.Audit;

/// <summary>How the audit tables store entry details: lz4 where the server has it, the server's default otherwise.</summary>
public sealed class AuditStorageTests(AuditDatabase database) : IClassFixture<AuditDatabase>
{
    [Theory]
    [InlineData("audit_queue")]
    [InlineData("audit_entries")]
    public async Task Details_are_compressed_with_lz4_when_the_server_supports_it(string table)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var serverHasLz4 = await db.Database
            .SqlQueryRaw<bool>("SELECT 'lz4' = ANY (enumvals) AS \"Value\" FROM pg_settings WHERE name = 'default_toast_compression'")
            .SingleAsync();
        var method = await db.Database
            .SqlQuery<string>($"SELECT attcompression::text AS \"Value\" FROM pg_attribute WHERE attrelid = {table}::regclass AND attname = 'details'")
            .SingleAsync();

        Assert.Equal(serverHasLz4 ? "l" : "", method);
    }
}
