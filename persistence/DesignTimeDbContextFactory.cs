namespace Governance.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without a running service or database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GovernanceDbContext>
{
    public GovernanceDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<GovernanceDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=governance_design")
            .Options;
        return new GovernanceDbContext(options);
    }
}
