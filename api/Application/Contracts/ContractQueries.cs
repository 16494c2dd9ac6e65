
namespace Governance.Api.Application.Contracts;

/// <summary>Reads of contracts, each under the one visibility rule of <see cref="ContractCaller.CanSee"/>.</summary>
internal sealed class ContractQueries(IContractRepository contracts)
{
    public async Task<Contract> FindVisibleAsync(Guid id, ContractCaller caller, CancellationToken cancellationToken)
    {
        var contract = await contracts.FindAsync(id, cancellationToken);
        return contract is not null && caller.CanSee(contract)
            ? contract
            : throw DomainException.NotFound("contract", id.ToString("D"));
    }

    /// <summary>The caller's contracts (an auditor's: all), newest first.</summary>
    public Task<ContractListing> ListAsync(ContractCaller caller, ContractStateName? state, long? after, int limit, DateTimeOffset now, CancellationToken cancellationToken) =>
        contracts.ListAsync(new ContractQuery(caller.IsAuditor ? null : caller.MemberId, state, after, limit), now, cancellationToken);

    public async Task<IReadOnlyList<ContractEvent>> EventsAsync(Guid id, ContractCaller caller, CancellationToken cancellationToken)
    {
        await FindVisibleAsync(id, caller, cancellationToken);
        return await contracts.EventsAsync(id, cancellationToken);
    }
}
