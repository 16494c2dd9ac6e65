namespace Governance.Api.Application.Custody;

/// <summary>
/// A confidential instance starts and comes to hold the consortium's key-encryption key, or says why not. It reads
/// its own report (build and chip), then, under the membership lock:
/// on a consortium with no key yet it makes one inside the VM, approves its own build if none is approved, and seals
/// the key to this chip and build; an instance whose build is not approved refuses to unseal; one that finds its own
/// seal opens it (checking the key against its check value and the custody rules against their seal); any other
/// leaves a request for a running replica, and waits (recovery shares are accepted meanwhile).
/// </summary>
internal sealed partial class UnsealServiceKey(
    IUnitOfWork unitOfWork,
    IMembershipRepository membership,
    IServiceCustodyRepository store,
    KeyCustody custody,
    AttestService attest,
    ChipSeal chipSeal,
    CustodyOutcome outcome,
    IAuditLog audit,
    TimeProvider time,
    ILogger<UnsealServiceKey> logger)
{
    public async Task HandleAsync(CancellationToken cancellationToken)
    {
        var own = await attest.AttestAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        var report = AttestationReport.Parse(Convert.FromBase64String(own.Report));
        var (measurement, chipId) = (Convert.ToHexStringLower(report.Measurement), Convert.ToHexStringLower(report.ChipId));
        custody.Identify(measurement, chipId);

        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await membership.LockAsync(cancellationToken);
        var roll = await membership.LoadMembershipAsync(cancellationToken);
        if (roll is null)
        {
            custody.Refuse("The consortium has no genesis yet; restart the service once it has.");
            return;
        }

        var now = time.StoredNow();
        var record = await store.LoadAsync(cancellationToken);
        if (record is null)
        {
            var key = await CreateAsync(roll, measurement, now, cancellationToken);
            await work.CommitAsync(cancellationToken);
            LogUnsealed(logger, "created", measurement);
            await outcome.OpenAsync(key.Id, key.Value, "created", null, cancellationToken);
            return;
        }

        if (!roll.Custody.Approves(measurement))
        {
            var reason = $"This build (measurement {measurement}) is not among the {roll.Custody.Measurements.Count} the consortium approved; a setServiceMeasurements proposal approves builds.";
            await audit.AppendAsync(AuditRecord.ServiceUnsealRefused(measurement, reason), cancellationToken);
            await work.CommitAsync(cancellationToken);
            custody.Refuse(reason);
            LogRefused(logger, reason);
            return;
        }

        var (opened, refusal) = await OpenOwnSealAsync(record, roll.Custody, cancellationToken);
        if (refusal is not null)
        {
            await audit.AppendAsync(AuditRecord.ServiceUnsealRefused(measurement, refusal), cancellationToken);
            await work.CommitAsync(cancellationToken);
            custody.Refuse(refusal);
            LogRefused(logger, refusal);
            return;
        }

        if (opened is not null)
        {
            await work.CommitAsync(cancellationToken);
            LogUnsealed(logger, "sealed", measurement);
            await outcome.OpenAsync(record.KeyId, opened, "sealed", null, cancellationToken);
            return;
        }

        var request = new KeyRequest(Guid.CreateVersion7(now), measurement, "", now, KeyRequestState.Pending, null, null, null);
        var attestation = await attest.AttestAsync(KeyRequests.Nonce(request.Id), cancellationToken);
        store.AddRequest(request with { Attestation = System.Text.Json.JsonSerializer.Serialize(attestation, KeyRequests.Json) });
        await work.CommitAsync(cancellationToken);
        custody.AwaitKey(request.Id, "Waiting for a running instance of an approved build to send the key-encryption key, or for the recovery share holders.");
        LogAwaiting(logger, request.Id, measurement);
    }

    private async Task<(string Id, byte[] Value)> CreateAsync(
        Domain.Proposals.Membership roll, string measurement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (roll.Custody.Measurements.Count > 0 && !roll.Custody.Approves(measurement))
        {
            throw new InvalidOperationException($"This build (measurement {measurement}) is not among those the consortium approved, so it does not make the consortium's key.");
        }

        if (roll.Custody.Measurements.Count == 0)
        {
            roll.ApproveFirstBuild(measurement);
            membership.Save(roll, now);
            await audit.AppendAsync(AuditRecord.ServiceMeasurementsSet(AuditActor.System, null, roll.Custody.Measurements), cancellationToken);
        }

        var key = RandomNumberGenerator.GetBytes(CustodySeals.KeyBytes);
        var keyId = $"kek-{now:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        store.Create(new CustodyRecord(keyId, CustodySeals.KeyCheck(key), CustodySeals.RulesSeal(key, roll.Custody), now));
        await chipSeal.SealAsync(keyId, key, cancellationToken);
        await audit.AppendAsync(AuditRecord.ServiceKeyCreated(keyId, measurement), cancellationToken);
        return (keyId, key);
    }

    /// <returns>The key, or a refusal when the seal opens but the record around it was changed; neither when there is no seal to open here.</returns>
    private async Task<(byte[]? Key, string? Refusal)> OpenOwnSealAsync(CustodyRecord record, ServiceCustodyRules rules, CancellationToken cancellationToken)
    {
        if (await chipSeal.OpenAsync(record.KeyId, cancellationToken) is not { } key)
        {
            return (null, null);
        }

        if (!CustodySeals.IsKey(key, record.KeyCheck) || !CustodySeals.RulesMatch(key, rules, record.RulesSeal))
        {
            CryptographicOperations.ZeroMemory(key);
            return (null, "The stored custody record does not match the key sealed to this chip: the key's check value, or the approved builds and recovery policy, were changed outside a vote.");
        }

        return (key, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Confidential mode: holding the key-encryption key ({How}); this build is {Measurement}")]
    private static partial void LogUnsealed(ILogger logger, string how, string measurement);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confidential mode: refusing to unseal: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Confidential mode: asked running instances for the key-encryption key (request {Request}, build {Measurement})")]
    private static partial void LogAwaiting(ILogger logger, Guid request, string measurement);
}
