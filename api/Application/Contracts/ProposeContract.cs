
namespace Governance.Api.Application.Contracts;

/// <summary>Freezes a draft: from now on its digest is what the parties approve. Proposer only; If-Match is honoured when sent.</summary>
internal sealed class ProposeContract(ContractChanges changes, TimeProvider time)
{
    public Task<Contract> HandleAsync(Guid id, string? ifMatch, ContractCaller caller, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, contract =>
        {
            if (!string.IsNullOrEmpty(ifMatch))
            {
                ContractETag.RequireMatch(contract, ifMatch);
            }

            contract.Propose(caller.MemberId, time.GetUtcNow());
        }, cancellationToken);
}
