namespace Governance.Api.Application.Contracts;

/// <summary>Replaces a draft's content; proposer only, and only with the draft's current ETag in If-Match.</summary>
internal sealed class EditContract(ContractChanges changes, ContractContentCheck check, TimeProvider time)
{
    public Task<Contract> HandleAsync(Guid id, ContractContent content, string? ifMatch, ContractCaller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ifMatch))
        {
            throw DomainException.PreconditionRequired("Send the draft's ETag in If-Match, so a concurrent edit is not overwritten.");
        }

        return changes.ChangeAsync(id, caller, async (contract, ct) =>
        {
            ContractETag.RequireMatch(contract, ifMatch);
            await check.ValidateAsync(content, caller.MemberId, contract, ct);
            contract.Edit(caller.MemberId, content, time.GetUtcNow());
        }, cancellationToken);
    }
}
