namespace Governance.Api.Application.Custody;

/// <summary>
/// An instance holding the key answers replicas' requests for it. A request gets the key, encrypted to the transit key
/// its attestation binds and signed by this instance's attested identity, only when that attestation verifies to a
/// trusted root, answers the request's own id as nonce, binds its keys, and names a build the consortium approved;
/// and only while the approved builds still carry the seal only a holder of the key can make. Otherwise the request
/// is refused naming each broken rule. Each answer and refusal is audited in the same transaction.
/// </summary>
internal sealed class AnswerKeyRequests(
    IUnitOfWork unitOfWork,
    IServiceCustodyRepository store,
    IConsortiumRules consortium,
    KeyCustody custody,
    ServiceEvidenceCheck evidence,
    AttestService attest,
    ServiceIdentity identity,
    IAuditLog audit,
    TimeProvider time)
{
    /// <summary>Requests answered per round; each costs a report from the platform and a verification.</summary>
    public const int BatchSize = 4;

    /// <returns>How many requests were answered or refused.</returns>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        if (custody.State != CustodyState.Open)
        {
            return 0;
        }

        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var pending = await store.LockPendingRequestsAsync(BatchSize, cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var rules = (await consortium.GetAsync(cancellationToken))?.Custody ?? ServiceCustodyRules.None;
        var record = await store.LoadAsync(cancellationToken);
        var key = custody.RequireKey();
        var sealedRules = record is not null && CustodySeals.RulesMatch(key, rules, record.RulesSeal);
        foreach (var request in pending)
        {
            var nonce = KeyRequests.Nonce(request.Id);
            var verdict = await evidence.CheckAsync(request.Attestation, nonce, rules.Measurements, cancellationToken);
            var failures = verdict.Failures.ToList();
            if (!sealedRules)
            {
                failures.Add(("custody.tampered", "the approved builds or recovery policy in the database do not carry the seal of the key: they were changed outside a vote"));
            }

            var now = time.GetUtcNow();
            if (failures.Count > 0)
            {
                await store.SaveRequestAsync(request with
                {
                    State = KeyRequestState.Refused,
                    Reason = string.Join("; ", failures.Select(f => $"{f.Rule}: {f.Detail}")),
                    AnsweredAt = now,
                }, cancellationToken);
                await audit.AppendAsync(AuditRecord.ServiceKeyTransferRefused(request.Id, verdict.Measurement, failures), cancellationToken);
                continue;
            }

            var responder = await attest.AttestAsync(nonce, cancellationToken);
            var answer = KeyTransferAnswer.Make(request.Id, record!.KeyId, key, verdict.Served!.Keys.Transit, responder, identity);
            await store.SaveRequestAsync(request with { State = KeyRequestState.Answered, Answer = answer.ToJson(), AnsweredAt = now }, cancellationToken);
            await audit.AppendAsync(AuditRecord.ServiceKeyTransferred(request.Id, verdict.Measurement!, verdict.Served.Keys.Identity.Kid), cancellationToken);
        }

        System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        await work.CommitAsync(cancellationToken);
        return pending.Count;
    }
}
