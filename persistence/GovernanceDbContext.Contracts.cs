
namespace Governance.Persistence;

public sealed partial class GovernanceDbContext
{
    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<ContractApproval> ContractApprovals => Set<ContractApproval>();

    public DbSet<ContractEvent> ContractEvents => Set<ContractEvent>();

    public DbSet<ContractConsent> ContractConsents => Set<ContractConsent>();
}
