
namespace Governance.Api.Application.Contracts;

/// <summary>
/// The shape every contract change shares: open the unit of work, lock the contract, refuse callers who may not
/// see it (404, so a contract's existence is not disclosed), apply the domain change, record its transitions, commit.
/// </summary>
internal sealed class ContractChanges(IUnitOfWork unitOfWork, IContractRepository contracts)
{
    public async Task<Contract> ChangeAsync(Guid id, ContractCaller caller, Func<Contract, CancellationToken, Task> change, CancellationToken cancellationToken)
    {
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var contract = await LockVisibleAsync(id, caller, cancellationToken);
        await change(contract, cancellationToken);
        await contracts.RecordTransitionsAsync(contract, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return contract;
    }

    public Task<Contract> ChangeAsync(Guid id, ContractCaller caller, Action<Contract> change, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, (contract, _) =>
        {
            change(contract);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Locks the contract in the open unit of work; not found when it does not exist or the caller may not see it.</summary>
    public async Task<Contract> LockVisibleAsync(Guid id, ContractCaller caller, CancellationToken cancellationToken)
    {
        var contract = await contracts.LockAsync(id, cancellationToken);
        return contract is not null && caller.CanSee(contract)
            ? contract
            : throw DomainException.NotFound("contract", id.ToString("D"));
    }
}
