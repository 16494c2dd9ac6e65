namespace Governance.Api.Application.Contracts;

/// <summary>
/// A party approves the proposed contract's exact digest. The approval must carry a signature by one of the party's
/// active keys over <c>governance-contract-approval-v1:{id}:{digest}</c>, unless the party signed in through an external
/// issuer and the consortium allows unsigned approvals for those. When it is the last approval the contract is
/// accepted: the service seals the accepted digest, and the version it amends, if any, is superseded, all in this
/// one transaction. That version is locked before the approval is decided, so of two amendments of one version only
/// the first accepted supersedes it; the other's last approval then finds it superseded and is refused (409).
/// A refused approval (409, 422) is audited after that transaction rolled back.
/// </summary>
internal sealed class ApproveContract(
    IUnitOfWork unitOfWork,
    IContractRepository contracts,
    ContractChanges changes,
    IContractParties parties,
    IContractAcceptanceSeals seals,
    RefusalAudit refusals,
    TimeProvider time)
{
    public async Task<Contract> HandleAsync(Guid id, string? digestHex, string? signature, ContractCaller caller, CancellationToken cancellationToken)
    {
        try
        {
            return await ApproveAsync(id, digestHex, signature, caller, cancellationToken);
        }
        catch (DomainException refused) when (refused.Kind is ErrorKind.Conflict or ErrorKind.Unprocessable)
        {
            var status = refused.Kind == ErrorKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            await refusals.RecordAsync(AuditRecord.ContractApprovalRefused(caller.MemberId, id, digestHex, status, refused.Message), cancellationToken);
            throw;
        }
    }

    private async Task<Contract> ApproveAsync(Guid id, string? digestHex, string? signature, ContractCaller caller, CancellationToken cancellationToken)
    {
        var digest = ApprovalVerifier.ParseDigest(digestHex);
        var now = time.GetUtcNow();
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var contract = await changes.LockVisibleAsync(id, caller, cancellationToken);
        var amended = contract.PreviousVersionId is { } previousId ? await contracts.LockAsync(previousId, cancellationToken) : null;

        var keys = await parties.KeysAsync(caller.MemberId, cancellationToken);
        var unsignedAllowed = caller.SignedInExternally
            && string.IsNullOrWhiteSpace(signature)
            && await parties.AllowUnsignedApprovalsForExternalIdentitiesAsync(cancellationToken);
        var evidence = ApprovalVerifier.Verify(contract, caller.MemberId, digest, signature, keys, unsignedAllowed);

        var accepted = contract.Approve(caller.MemberId, digest, evidence, amended, now);
        if (accepted)
        {
            contract.AttachAcceptanceSeal(await seals.SealAsync(contract, cancellationToken));
        }

        await contracts.RecordTransitionsAsync(contract, cancellationToken);
        if (accepted && amended is not null)
        {
            amended.SupersedeBy(contract, now);
            await contracts.RecordTransitionsAsync(amended, cancellationToken);
        }

        await work.CommitAsync(cancellationToken);
        return contract;
    }
}
