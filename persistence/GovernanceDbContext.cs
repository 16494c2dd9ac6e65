
namespace Governance.Persistence;

/// <summary>
/// The one database context. Each area adds its sets in a partial file beside its configurations
/// (GovernanceDbContext.Members.cs, …), so areas do not edit each other's code.
/// </summary>
public sealed partial class GovernanceDbContext(DbContextOptions<GovernanceDbContext> options) : DbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Conventions.Add(_ => new SnakeCaseColumnNames());
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GovernanceDbContext).Assembly);
    }
}
