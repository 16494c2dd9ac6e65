namespace Governance.Api.Application.Release;

/// <summary>
/// One release request, top to bottom. Evidence is verified before anything is read (it may fetch endorsement
/// certificates). Then, in two round trips: the nonce, the contract and its secrets are read without locks
/// (<see cref="IReleaseLedger.ReadAsync"/>); <see cref="ReleaseDecision"/> decides from those facts; a grant's values
/// are encrypted to the VM's key and its receipt signed; and one statement uses up the nonce, counts the release and
/// queues its audit entry, if what was read still holds (<see cref="IReleaseLedger.TryRecordGrantAsync"/>).
/// A refusal, or a grant whose read went stale (a concurrent revocation, release or use of the nonce), is decided
/// again in a transaction that locks the contract's row, and recorded there, granted or refused.
/// </summary>
internal sealed partial class ReleaseHandler(
    IUnitOfWork unitOfWork,
    IReleaseLedger ledger,
    ReleaseChallengeStore challenges,
    IReleaseContracts contracts,
    IReleaseEvidenceVerifier verifier,
    IContractAcceptanceSeals seals,
    ISecretStore secrets,
    ReceiptSigner receipts,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ReleaseHandler> logger)
{
    public async Task<ReleaseResponse> HandleAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ContractId) || request.Evidence is null || request.WrappingKey is null || request.Nonce is null)
        {
            throw DomainException.BadRequest("A release request names contractId, nonce, evidence and wrappingKey.");
        }

        // Before anything is recorded: an id or evidence type that could never name anything is a bad request, not a refusal.
        ReleaseRequestRules.Validate(request);

        using var encryptor = ValueEncryptor.For(request.WrappingKey);
        var nonce = ReleaseChallengeStore.Decode(request.Nonce);
        var binding = nonce is null ? null : ReleaseBinding.Compute(nonce, request.WrappingKey);
        var (evidence, evidenceFailures) = await verifier.VerifyAsync(request.Evidence, cancellationToken);
        var (manifest, manifestMalformed) = DecodeManifest(request.Evidence.Manifest);
        var claimsDigest = evidence is null ? null : ReleaseClaims.Digest(evidence.ClaimsJson);
        var presented = new Presented(request, encryptor, evidence, claimsDigest,
            claimsDigest is null ? AuditActor.Anonymous : AuditActor.Vm(claimsDigest));
        var facts = new ReleaseFacts(NonceState.Malformed, evidence, evidenceFailures, binding, null, false, manifest, manifestMalformed, null);

        if (nonce is not null && Guid.TryParse(request.ContractId, out var contractId)
            && await TryGrantFromSnapshotAsync(presented, nonce, contractId, facts, cancellationToken) is { } granted)
        {
            return granted;
        }

        return await DecideUnderLockAsync(presented, nonce, facts, cancellationToken);
    }

    /// <summary>The common case in two round trips; null when the read refuses or went stale before the write.</summary>
    private async Task<ReleaseResponse?> TryGrantFromSnapshotAsync(
        Presented presented, byte[] nonce, Guid contractId, ReleaseFacts facts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var snapshot = await ledger.ReadAsync(nonce, contractId, now, cancellationToken);
        facts = facts with
        {
            Nonce = snapshot.Nonce,
            Contract = snapshot.Contract,
            AcceptanceSealValid = await SealValidAsync(snapshot.Contract, cancellationToken),
            SecretsPresent = snapshot.Secrets.Select(s => new SecretRef(s.Owner, s.Name)).ToHashSet(),
        };
        if (ReleaseDecision.Evaluate(facts).Count > 0)
        {
            return null;
        }

        var values = await secrets.OpenAsync(snapshot.Secrets, cancellationToken);
        try
        {
            var grant = await PrepareGrantAsync(presented, snapshot.Contract!, values, VersionsOf(snapshot.Secrets), now, cancellationToken);
            if (!await ledger.TryRecordGrantAsync(nonce, snapshot.Contract!, grant.Entry, grant.Binding, now, cancellationToken))
            {
                return null;
            }

            LogGranted(logger, snapshot.Contract!.Id, presented.ClaimsDigest!);
            return grant.Response;
        }
        finally
        {
            Wipe(values);
        }
    }

    /// <summary>Decides again in one transaction that uses up the nonce and locks the contract's row, and records the outcome.</summary>
    private async Task<ReleaseResponse> DecideUnderLockAsync(Presented presented, byte[]? nonce, ReleaseFacts facts, CancellationToken cancellationToken)
    {
        var request = presented.Request;
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        var nonceState = nonce is null ? NonceState.Malformed : await challenges.ConsumeAsync(nonce, cancellationToken);
        var now = time.GetUtcNow();
        var contract = await contracts.LoadForReleaseAsync(request.ContractId, now, cancellationToken);
        facts = facts with { Nonce = nonceState, Contract = contract, AcceptanceSealValid = await SealValidAsync(contract, cancellationToken) };

        IReadOnlyDictionary<SecretRef, byte[]> values = new Dictionary<SecretRef, byte[]>();
        IReadOnlyList<SecretRow> versions = [];
        try
        {
            var failures = ReleaseDecision.Evaluate(facts);
            if (failures.Count == 0)
            {
                // Values are read, and decrypted, only once every other rule holds.
                versions = await secrets.FindReleaseVersionsAsync([.. contract!.SecretsToRelease.Distinct()], contract.Pins, cancellationToken);
                values = await secrets.OpenAsync(versions, cancellationToken);
                failures = ReleaseDecision.Evaluate(facts with { SecretsPresent = values.Keys.ToHashSet() });
            }

            if (failures.Count > 0)
            {
                await RecordRefusalAsync(request, contract, presented.Actor, presented.Evidence, presented.ClaimsDigest, failures, cancellationToken);
                await work.CommitAsync(cancellationToken);
                LogRefused(logger, request.ContractId, string.Join(',', failures.Select(f => f.Rule).Distinct()));
                var shown = ReleaseRefusals.ShownToCaller(failures);
                throw new DomainException(ErrorKind.Forbidden, "Release refused",
                    $"The release was refused: {shown.Count} rule(s) failed.",
                    new Dictionary<string, object?> { ["failures"] = shown.Select(f => new ReleaseRefusal(f.Rule, f.Detail)).ToList() });
            }

            var grant = await PrepareGrantAsync(presented, contract!, values, VersionsOf(versions), now, cancellationToken);
            await contracts.RecordReleaseAsync(contract!.Id, grant.Binding, now, cancellationToken);
            await audit.AppendAsync(grant.Entry, cancellationToken);
            await work.CommitAsync(cancellationToken);
            LogGranted(logger, contract.Id, presented.ClaimsDigest!);
            return grant.Response;
        }
        finally
        {
            Wipe(values);
        }
    }

    /// <summary>
    /// The response (values encrypted to the VM's key, the signed receipt with the clean room's runtime instructions and
    /// the versions sent), the audit entry of a grant, and the wrapping key it binds to the contract.
    /// </summary>
    private async Task<Grant> PrepareGrantAsync(
        Presented presented, ReleaseContract released, IReadOnlyDictionary<SecretRef, byte[]> values, IReadOnlyList<ReleasedVersion> versions,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = presented.Request;
        var encryptor = presented.Encryptor;
        var wrappingKeyThumbprint = JwkThumbprint.ComputeBase64Url(request.WrappingKey);
        var receipt = await receipts.SignAsync(new ReleaseReceipt(
            released.Id, released.Digest, presented.ClaimsDigest!, wrappingKeyThumbprint, Released(released), now, Runtime(released), versions), cancellationToken);
        var response = new ReleaseResponse(
            [.. released.Secrets.Select(s => new ReleasedSecret(s.Owner, s.Name, encryptor.Encrypt(values[new SecretRef(s.Owner, s.Name)])))],
            [.. released.Datasets.Select(d => new ReleasedDataset(d.Owner, d.Name, d.Location, d.Format, d.SchemaDigest,
                encryptor.Encrypt(values[new SecretRef(d.Owner, d.KeySecret)]),
                d.CredentialSecret is null ? null : encryptor.Encrypt(values[new SecretRef(d.Owner, d.CredentialSecret)])))],
            receipt);
        var entry = AuditRecord.ReleaseGranted(presented.Actor, released, request.Evidence.Type, presented.ClaimsDigest!,
            presented.Evidence!.ClaimsJson, wrappingKeyThumbprint, Released(released), versions.Select(v => (v.Item, v.Version)).ToList());
        var binding = new KeyBinding(wrappingKeyThumbprint, JsonSerializer.Serialize(request.WrappingKey with { Kid = null }), presented.ClaimsDigest!);
        return new Grant(response, entry, binding);
    }

    /// <summary>What the clean room must enforce, as the receipt signs it.</summary>
    private static RuntimeInstructions Runtime(ReleaseContract released) => new(
        released.Egress.ToString().ToLowerInvariant(),
        released.EgressPolicy,
        new RuntimeConsent(released.Consent.Execution, released.Consent.Logging, released.Consent.Telemetry),
        RuntimeInstructions.ConsentCheckPath(released.Id),
        RuntimeInstructions.EventsPath(released.Id));

    private static List<ReleasedVersion> VersionsOf(IEnumerable<SecretRow> rows) =>
        [.. rows.Select(r => new ReleasedVersion(ReleaseReceipt.SecretItem(r.Owner, r.Name), r.Version)).OrderBy(v => v.Item, StringComparer.Ordinal)];

    private async Task<bool> SealValidAsync(ReleaseContract? contract, CancellationToken cancellationToken) =>
        contract is { Eligibility.Allowed: true, ContentMatchesDigest: true }
        && await seals.VerifyAsync(contract.Id, contract.Digest, contract.AcceptanceSeal, cancellationToken);

    private static void Wipe(IReadOnlyDictionary<SecretRef, byte[]> values)
    {
        foreach (var plaintext in values.Values)
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private async Task RecordRefusalAsync(
        ReleaseRequest request, ReleaseContract? contract, AuditActor actor, VerifiedEvidence? evidence, string? claimsDigest,
        IReadOnlyList<ReleaseFailure> failures, CancellationToken cancellationToken)
    {
        if (contract is not null && ReleaseDecision.IsTampering(failures))
        {
            LogTampering(logger, contract.Id);
            await audit.AppendAsync(AuditRecord.ContractTamperingDetected(contract), cancellationToken);
        }

        await audit.AppendAsync(
            AuditRecord.ReleaseDenied(actor, request.ContractId, contract, request.Evidence.Type, claimsDigest, evidence?.ClaimsJson, failures),
            cancellationToken);
    }

    private static List<string> Released(ReleaseContract contract) =>
    [
        .. contract.Secrets.Select(s => ReleaseReceipt.SecretItem(s.Owner, s.Name)),
        .. contract.Datasets.Select(d => ReleaseReceipt.DatasetItem(d.Owner, d.Name)),
    ];


    private static (byte[]? Manifest, bool Malformed) DecodeManifest(string? manifest)
    {
        if (manifest is null)
        {
            return (null, false);
        }

        try
        {
            return (Convert.FromBase64String(manifest), false);
        }
        catch (FormatException)
        {
            return (null, true);
        }
    }

    private sealed record Grant(ReleaseResponse Response, AuditRecord Entry, KeyBinding Binding);

    /// <summary>What the request presented, once verified: the same for the snapshot's attempt and the locked one.</summary>
    private sealed record Presented(ReleaseRequest Request, ValueEncryptor Encryptor, VerifiedEvidence? Evidence, string? ClaimsDigest, AuditActor Actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release granted for contract {ContractId} to VM {ClaimsDigest}")]
    private static partial void LogGranted(ILogger logger, string contractId, string claimsDigest);

    [LoggerMessage(Level = LogLevel.Error, Message = "Contract {ContractId} as stored is not what its parties approved (content or digest changed after acceptance); its releases are refused")]
    private static partial void LogTampering(ILogger logger, string contractId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release refused for contract {ContractId}: {Rules}")]
    private static partial void LogRefused(ILogger logger, string contractId, string rules);
}
