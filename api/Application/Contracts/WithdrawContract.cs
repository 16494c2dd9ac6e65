
namespace Governance.Api.Application.Contracts;

/// <summary>Withdraws a draft or proposed contract; proposer only.</summary>
internal sealed class WithdrawContract(ContractChanges changes, TimeProvider time)
{
    public Task<Contract> HandleAsync(Guid id, ContractCaller caller, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, contract => contract.Withdraw(caller.MemberId, time.GetUtcNow()), cancellationToken);
}
