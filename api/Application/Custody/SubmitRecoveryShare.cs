namespace Governance.Api.Application.Custody;

/// <summary>How far a recovery has come.</summary>
/// <param name="Received">Holders who have submitted a share to this instance.</param>
/// <param name="Threshold">Shares needed.</param>
/// <param name="Recovered">Whether this submission completed the recovery.</param>
internal sealed record RecoveryProgress(int Received, int Threshold, bool Recovered);

/// <summary>
/// A share holder submits its recovery share to an instance that does not hold the key, encrypted to that instance's
/// attested transit key (having checked its attestation first, as <c>governance recovery submit</c> does). Only a
/// holder of a share of the current key may submit. When the threshold is reached the shares are combined; a key that
/// matches the check value, under custody rules that carry its seal, is taken, sealed to this chip, and recorded. Each
/// submission is audited; the shares themselves never leave memory.
/// </summary>
internal sealed class SubmitRecoveryShare(
    IUnitOfWork unitOfWork,
    IServiceCustodyRepository store,
    IConsortiumRules consortium,
    KeyCustody custody,
    RecoverySubmissions submissions,
    ServiceIdentity identity,
    ChipSeal chipSeal,
    CustodyOutcome outcome,
    IAuditLog audit)
{
    public async Task<RecoveryProgress> HandleAsync(string memberId, string compactJwe, CancellationToken cancellationToken)
    {
        if (!custody.Enabled)
        {
            throw new DomainException(ErrorKind.NotFound, "Not found", "This service does not run in confidential mode, so it takes no recovery shares.");
        }

        if (custody.State is CustodyState.Open or CustodyState.Starting)
        {
            throw DomainException.Conflict(custody.State == CustodyState.Open
                ? "This instance holds the key already; nothing to recover."
                : "This instance is still starting; submit once GET /service/status says it awaits the key.");
        }

        RecoveryShare share;
        var opened = identity.OpenFromTransit(compactJwe);
        try
        {
            share = RecoveryShare.Parse(opened);
        }
        catch (FormatException)
        {
            throw DomainException.BadRequest("The JWE does not hold a recovery share (its index byte, then its value).");
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(opened);
        }

        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var record = await store.LoadAsync(cancellationToken) ?? throw DomainException.Conflict("No key has been made for this consortium; there is nothing to recover.");
        var stored = await store.FindShareAsync(memberId, cancellationToken);
        if (stored is null || stored.KeyId != record.KeyId)
        {
            throw DomainException.Forbidden($"Member '{memberId}' holds no recovery share of the current key.");
        }

        var received = submissions.Add(memberId, share);
        await audit.AppendAsync(AuditRecord.ServiceRecoveryShareReceived(memberId, received, stored.Threshold), cancellationToken);
        if (received < stored.Threshold)
        {
            await work.CommitAsync(cancellationToken);
            return new RecoveryProgress(received, stored.Threshold, false);
        }

        var rules = (await consortium.GetAsync(cancellationToken))?.Custody ?? ServiceCustodyRules.None;
        var key = submissions.Combine();
        if (key is null || !CustodySeals.IsKey(key, record.KeyCheck) || !CustodySeals.RulesMatch(key, rules, record.RulesSeal))
        {
            submissions.Clear();
            await work.CommitAsync(cancellationToken);
            throw new DomainException(ErrorKind.Unprocessable, "Shares do not recover the key",
                "The submitted shares do not give the key (or the custody rules lack its seal): at least one share is wrong. Every holder's share was discarded; submit again.");
        }

        var holders = submissions.Holders();
        submissions.Clear();
        await chipSeal.SealAsync(record.KeyId, key, cancellationToken);
        await work.CommitAsync(cancellationToken);
        await outcome.OpenAsync(record.KeyId, key, "recovery",
            new System.Text.Json.Nodes.JsonArray([.. holders.Select(h => System.Text.Json.Nodes.JsonValue.Create(h))]), cancellationToken);
        return new RecoveryProgress(received, stored.Threshold, true);
    }
}
