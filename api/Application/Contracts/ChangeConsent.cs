namespace Governance.Api.Application.Contracts;

/// <summary>
/// A party turns one of its consent switches on an accepted contract on or off, signed with one of its keys over
/// <c>governance-contract-consent-v1:{id}:{switch}:{enabled}:{sequence}</c>. The change and its audit entry
/// (<c>contract.consent_changed</c>, with the reason) commit together, under the contract's row lock, so a release that
/// read the contract before it is decided again (the change moves the contract's revision).
/// </summary>
internal sealed class ChangeConsent(
    IUnitOfWork unitOfWork, ContractChanges changes, IContractParties parties, IAuditLog audit, TimeProvider time)
{
    public async Task<Contract> HandleAsync(Guid id, ConsentChange change, ContractCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var contract = await changes.LockVisibleAsync(id, caller, cancellationToken);
        var keys = await parties.KeysAsync(caller.MemberId, cancellationToken);
        var evidence = ConsentVerifier.Verify(contract, caller.MemberId, change.Switch, change.Enabled, change.Sequence, change.Signature, keys);
        var recorded = contract.ChangeConsent(caller.MemberId, change.Switch, change.Enabled, change.Sequence, change.Reason, evidence, time.GetUtcNow());
        await audit.AppendAsync(AuditRecord.ContractConsentChanged(recorded, contract.Consent), cancellationToken);
        await work.CommitAsync(cancellationToken);
        return contract;
    }
}

/// <summary>A consent change as requested, its switch parsed.</summary>
internal sealed record ConsentChange(ConsentSwitch Switch, bool Enabled, int Sequence, string? Signature, string? Reason);
