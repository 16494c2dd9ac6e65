namespace Governance.Api.Application.Contracts;

/// <summary>Drafts a contract; the caller becomes its proposer and must be one of its parties.</summary>
internal sealed class CreateContract(IUnitOfWork unitOfWork, IContractRepository contracts, ContractContentCheck check, TimeProvider time)
{
    public async Task<Contract> HandleAsync(ContractContent content, ContractCaller caller, CancellationToken cancellationToken)
    {
        await check.ValidateAsync(content, caller.MemberId, draft: null, cancellationToken);
        var now = time.GetUtcNow();
        var contract = Contract.Create(Guid.CreateVersion7(now), caller.MemberId, content, now);
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        contracts.Add(contract);
        await contracts.RecordTransitionsAsync(contract, cancellationToken);
        await work.CommitAsync(cancellationToken);
        return contract;
    }
}
