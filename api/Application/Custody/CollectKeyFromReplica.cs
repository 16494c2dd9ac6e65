namespace Governance.Api.Application.Custody;

/// <summary>
/// An instance waiting for the key reads the answer to its request. It takes the key only when the responder's
/// attestation verifies, answers this request's id, binds the identity key that signed the answer, and names an
/// approved build; when the key matches its check value and the approved builds carry the key's seal. It then seals
/// the key to its own chip and build, so its next restart needs nobody.
/// </summary>
internal sealed class CollectKeyFromReplica(
    IUnitOfWork unitOfWork,
    IServiceCustodyRepository store,
    IConsortiumRules consortium,
    KeyCustody custody,
    ServiceEvidenceCheck evidence,
    ServiceIdentity identity,
    ChipSeal chipSeal,
    CustodyOutcome outcome)
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        if (custody.State != CustodyState.AwaitingKey || custody.PendingRequest is not { } requestId)
        {
            return;
        }

        var request = await store.FindRequestAsync(requestId, cancellationToken);
        switch (request?.State)
        {
            case KeyRequestState.Refused:
                custody.Refuse($"A running instance refused this instance the key ({request.Reason}). Recovery shares are still accepted.");
                return;
            case KeyRequestState.Answered:
                break;
            default:
                return;
        }

        var rules = (await consortium.GetAsync(cancellationToken))?.Custody ?? ServiceCustodyRules.None;
        var record = await store.LoadAsync(cancellationToken) ?? throw new InvalidOperationException("A key request was answered, but no key is recorded.");
        var (key, refusal, responderKid) = await OpenAnswerAsync(request.Answer ?? "", requestId, record, rules, cancellationToken);
        if (refusal is not null)
        {
            custody.Refuse($"The answer to this instance's key request is not to be trusted: {refusal}. Recovery shares are still accepted.");
            return;
        }

        await using (var work = await unitOfWork.BeginAsync(cancellationToken))
        {
            await chipSeal.SealAsync(record.KeyId, key!, cancellationToken);
            await work.CommitAsync(cancellationToken);
        }

        await outcome.OpenAsync(record.KeyId, key!, "replica", JsonValue.Create(responderKid), cancellationToken);
    }

    private async Task<(byte[]? Key, string? Refusal, string? ResponderKid)> OpenAnswerAsync(
        string answerJson, Guid requestId, CustodyRecord record, ServiceCustodyRules rules, CancellationToken cancellationToken)
    {
        if (KeyTransferAnswer.Parse(answerJson) is not { Responder: not null } answer)
        {
            return (null, "the answer is malformed", null);
        }

        var verdict = await evidence.CheckAsync(answer.Responder, KeyRequests.Nonce(requestId), rules.Measurements, cancellationToken);
        if (!verdict.Trusted)
        {
            return (null, string.Join("; ", verdict.Failures.Select(f => $"{f.Rule}: {f.Detail}")), null);
        }

        if (answer.VerifiedPayload() is not { } payload || payload.RequestId != requestId.ToString("D") || payload.KeyId != record.KeyId)
        {
            return (null, "the answer is not signed by the responder's attested identity key for this request and key", null);
        }

        byte[] key;
        try
        {
            key = identity.OpenFromTransit(payload.Key);
        }
        catch (DomainException e)
        {
            return (null, e.Message, null);
        }

        if (!CustodySeals.IsKey(key, record.KeyCheck) || !CustodySeals.RulesMatch(key, rules, record.RulesSeal))
        {
            CryptographicOperations.ZeroMemory(key);
            return (null, "the key received does not match the recorded check value, or the approved builds lack its seal", null);
        }

        return (key, null, answer.Responder.Keys.Identity.Kid);
    }
}
