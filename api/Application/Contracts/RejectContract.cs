
namespace Governance.Api.Application.Contracts;

/// <summary>Rejects a proposed contract, with a reason; any party may.</summary>
internal sealed class RejectContract(ContractChanges changes, TimeProvider time)
{
    public Task<Contract> HandleAsync(Guid id, string reason, ContractCaller caller, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, contract => contract.Reject(caller.MemberId, reason, time.GetUtcNow()), cancellationToken);
}
