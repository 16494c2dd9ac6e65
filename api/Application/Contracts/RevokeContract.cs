
namespace Governance.Api.Application.Contracts;

/// <summary>Revokes an accepted contract; any party may, and releases stop from the next request.</summary>
internal sealed class RevokeContract(ContractChanges changes, TimeProvider time)
{
    public Task<Contract> HandleAsync(Guid id, string? reason, ContractCaller caller, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, contract => contract.Revoke(caller.MemberId, reason, time.GetUtcNow()), cancellationToken);
}
