
namespace Governance.Api.Application.Contracts;

/// <summary>
/// Starts an amendment of an accepted contract: a new draft version (the caller its proposer) with the same content,
/// linked to this one. This version stays in force until the amendment is accepted, then it is superseded.
/// </summary>
internal sealed class AmendContract(IUnitOfWork unitOfWork, IContractRepository contracts, ContractChanges changes, TimeProvider time)
{
    public async Task<Contract> HandleAsync(Guid id, ContractCaller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var contract = await changes.LockVisibleAsync(id, caller, cancellationToken);
        var amendment = contract.Amend(caller.MemberId, Guid.CreateVersion7(now), now);
        contracts.Add(amendment);
        await contracts.RecordTransitionsAsync(contract, cancellationToken);
        await contracts.RecordTransitionsAsync(amendment, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return amendment;
    }
}
