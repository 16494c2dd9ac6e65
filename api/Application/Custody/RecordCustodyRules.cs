namespace Governance.Api.Application.Custody;

/// <summary>
/// What enacting a setServiceMeasurements or setRecoveryPolicy proposal records besides the rules' rows, in the
/// ballot's transaction: its audit entry and, in confidential mode, the rules' new seal under the key and (for a
/// recovery policy) the new shares. An instance that does not hold the key cannot make either, so the ballot is
/// refused with 503 and nothing of it is applied.
/// </summary>
internal sealed class RecordCustodyRules(IServiceCustodyRepository store, KeyCustody custody, MakeRecoveryShares shares, IAuditLog audit)
{
    public async Task RecordAsync(Enactment enactment, Domain.Proposals.Membership roll, AuditActor voter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(enactment);
        if (enactment.Custody is not { } rules)
        {
            return;
        }

        var proposalId = enactment.Accepted.Id;
        var recoveryChanged = enactment.Accepted.Kind == ProposalKind.SetRecoveryPolicy;
        await audit.AppendAsync(recoveryChanged
            ? AuditRecord.ServiceRecoveryPolicySet(voter, proposalId, rules.Recovery!)
            : AuditRecord.ServiceMeasurementsSet(voter, proposalId, rules.Measurements), cancellationToken);
        if (!custody.Enabled)
        {
            return;
        }

        var key = custody.RequireKey();
        try
        {
            await store.SaveRulesSealAsync(CustodySeals.RulesSeal(key, rules), cancellationToken);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }

        if (recoveryChanged)
        {
            await shares.MakeAsync(rules.Recovery!, roll, cancellationToken);
        }
    }
}
