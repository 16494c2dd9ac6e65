
namespace Governance.Api.Application.Contracts;

/// <summary>
/// Freezes a draft: from now on its digest is what the parties approve. Proposer only; If-Match is honoured when sent.
/// An amendment that leaves out a party of the version it amends is refused (422), as its edit was.
/// </summary>
internal sealed class ProposeContract(ContractChanges changes, IContractRepository contracts, TimeProvider time)
{
    public Task<Contract> HandleAsync(Guid id, string? ifMatch, ContractCaller caller, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, caller, async (contract, ct) =>
        {
            if (!string.IsNullOrEmpty(ifMatch))
            {
                ContractETag.RequireMatch(contract, ifMatch);
            }

            if (contract.PreviousVersionId is { } previousId && await contracts.FindAsync(previousId, ct) is { } amended)
            {
                contract.RequireKeepsPartiesOf(amended);
            }

            contract.Propose(caller.MemberId, time.GetUtcNow());
        }, cancellationToken);
}
