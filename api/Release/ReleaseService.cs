using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Governance.Domain.Audit;
using Governance.Domain.Errors;
using Governance.Domain.Release;
using Governance.Persistence;
using Governance.Persistence.Audit;
using Governance.Persistence.Release;
using Governance.Persistence.Secrets;
using Governance.Protocol.Canonical;
using Governance.Protocol.Release;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Api.Release;

/// <summary>
/// Decides one release request. Evidence is verified before the transaction (it may fetch endorsement
/// certificates); inside it the nonce is consumed, the contract is loaded under lock, every rule is
/// checked, and either the values are encrypted and the receipt signed, or the refusal is recorded.
/// Every rule is evaluated even after one fails, so a refusal names all of them.
/// </summary>
internal sealed partial class ReleaseService(
    GovernanceDbContext db,
    ReleaseChallengeStore challenges,
    IReleaseContracts contracts,
    IReleaseEvidenceVerifier verifier,
    ISecretStore secrets,
    ReceiptSigner receipts,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ReleaseService> logger)
{
    public async Task<ReleaseResponse> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ContractId) || request.Evidence is null || request.WrappingKey is null || request.Nonce is null)
        {
            throw DomainException.BadRequest("A release request names contractId, nonce, evidence and wrappingKey.");
        }

        ReleaseRequestRules.Validate(request);

        using var encryptor = ValueEncryptor.For(request.WrappingKey);
        var failures = new List<ReleaseFailure>();
        var nonce = DecodeNonce(request.Nonce, failures);
        var binding = nonce is null ? null : ReleaseBinding.Compute(nonce, request.WrappingKey);

        var (evidence, evidenceFailures) = await verifier.VerifyAsync(request.Evidence, cancellationToken);
        failures.AddRange(evidenceFailures);
        if (evidence is not null && binding is not null)
        {
            CheckBinding(evidence, binding, failures);
        }

        var claimsDigest = evidence is null ? null : Convert.ToHexStringLower(SHA256.HashData(CanonicalJson.Serialize(evidence.Claims)));
        var actor = claimsDigest is null ? AuditActor.Anonymous : AuditActor.Vm(claimsDigest);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (nonce is not null)
        {
            CheckNonce(await challenges.ConsumeAsync(nonce, cancellationToken), failures);
        }

        var now = time.GetUtcNow();
        var contract = await contracts.LoadForReleaseAsync(request.ContractId, now, cancellationToken);
        if (contract is null)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.ContractExists, $"No contract '{request.ContractId}' exists."));
        }
        else
        {
            failures.AddRange(contract.EligibilityFailures);
            if (evidence is not null)
            {
                failures.AddRange(verifier.Evaluate(evidence, contract.EffectivePolicy));
                if (contract.CustomRuntime is { } runtime)
                {
                    failures.AddRange(CustomRuntimeCheck.Evaluate(DecodeManifest(request.Evidence.Manifest, failures), evidence.HostData, runtime));
                }
            }
        }

        var plaintexts = new List<byte[]>();
        try
        {
            ReleaseResponse? response = null;
            if (failures.Count == 0)
            {
                response = await ReleaseValuesAsync(contract!, request, evidence!, claimsDigest!, encryptor, plaintexts, failures, now, cancellationToken);
            }

            if (response is null)
            {
                await RecordRefusalAsync(request, contract, actor, evidence, claimsDigest, failures, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogRefused(logger, request.ContractId, string.Join(',', failures.Select(f => f.Rule).Distinct()));
                var shown = ReleaseRefusals.ShownToCaller(failures);
                throw new DomainException(ErrorKind.Forbidden, "Release refused",
                    $"The release was refused: {shown.Count} rule(s) failed.",
                    new Dictionary<string, object?> { ["failures"] = shown.Select(f => new ReleaseRefusal(f.Rule, f.Detail)).ToList() });
            }

            await contracts.RecordReleaseAsync(contract!.Id, now, cancellationToken);
            await audit.AppendAsync(new AuditRecord(actor, "release.granted", Subjects(contract), AuditOutcome.Succeeded, new JsonObject
            {
                ["contractId"] = contract.Id,
                ["contractDigest"] = contract.Digest,
                ["evidenceType"] = request.Evidence.Type,
                ["claimsDigest"] = claimsDigest,
                ["claims"] = evidence!.Claims.DeepClone(),
                ["wrappingKeyThumbprint"] = JwkThumbprint.ComputeBase64Url(request.WrappingKey),
                ["released"] = new JsonArray([.. Released(contract).Select(r => JsonValue.Create(r))]),
            }), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogGranted(logger, contract.Id, claimsDigest!);
            return response;
        }
        finally
        {
            foreach (var plaintext in plaintexts)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private async Task<ReleaseResponse?> ReleaseValuesAsync(
        ReleaseContract contract, ReleaseRequest request, VerifiedEvidence evidence, string claimsDigest, ValueEncryptor encryptor,
        List<byte[]> plaintexts, List<ReleaseFailure> failures, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SecretRef[] wanted =
        [
            .. contract.Secrets.Select(s => new SecretRef(s.Owner, s.Name)),
            .. contract.Datasets.Select(d => new SecretRef(d.Owner, d.KeySecret)),
            .. contract.Datasets.Where(d => d.CredentialSecret is not null).Select(d => new SecretRef(d.Owner, d.CredentialSecret!)),
        ];
        var values = await secrets.ReadCurrentAsync(wanted.Distinct().ToList(), cancellationToken);
        plaintexts.AddRange(values.Values);

        string? Encrypt(string owner, string name)
        {
            if (!values.TryGetValue(new SecretRef(owner, name), out var value))
            {
                failures.Add(new ReleaseFailure(ReleaseRules.SecretsPresent, $"Secret '{owner}/{name}' named by the contract has not been uploaded.",
                    "uploaded", "absent"));
                return null;
            }

            return encryptor.Encrypt(value);
        }

        var released = new List<ReleasedSecret>();
        foreach (var secret in contract.Secrets)
        {
            if (Encrypt(secret.Owner, secret.Name) is { } jwe)
            {
                released.Add(new ReleasedSecret(secret.Owner, secret.Name, jwe));
            }
        }

        var datasets = new List<ReleasedDataset>();
        foreach (var dataset in contract.Datasets)
        {
            var key = Encrypt(dataset.Owner, dataset.KeySecret);
            var credential = dataset.CredentialSecret is null ? null : Encrypt(dataset.Owner, dataset.CredentialSecret);
            if (key is not null)
            {
                datasets.Add(new ReleasedDataset(dataset.Owner, dataset.Name, dataset.Location, dataset.Format, dataset.SchemaDigest, key, credential));
            }
        }

        if (failures.Count > 0)
        {
            return null;
        }

        var receipt = await receipts.SignAsync(new ReleaseReceipt(
            contract.Id, contract.Digest, claimsDigest, JwkThumbprint.ComputeBase64Url(request.WrappingKey), Released(contract), now), cancellationToken);
        return new ReleaseResponse(released, datasets, receipt);
    }

    private async Task RecordRefusalAsync(
        ReleaseRequest request, ReleaseContract? contract, AuditActor actor, VerifiedEvidence? evidence, string? claimsDigest,
        List<ReleaseFailure> failures, CancellationToken cancellationToken)
    {
        var details = new JsonObject
        {
            ["contractId"] = request.ContractId,
            ["contractDigest"] = contract?.Digest,
            ["evidenceType"] = request.Evidence.Type,
            ["claimsDigest"] = claimsDigest,
            ["claims"] = evidence?.Claims.DeepClone(),
            ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)new JsonObject
            {
                ["rule"] = f.Rule,
                ["detail"] = f.Detail,
                ["expected"] = f.Expected,
                ["actual"] = f.Actual,
            })]),
        };
        var subjects = contract is null ? [$"contract:{request.ContractId}"] : Subjects(contract);
        await audit.AppendAsync(new AuditRecord(actor, "release.denied", subjects, AuditOutcome.Denied, details), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string[] Subjects(ReleaseContract contract) =>
        [$"contract:{contract.Id}", .. contract.Parties.Select(p => $"member:{p}")];

    private static List<string> Released(ReleaseContract contract) =>
    [
        .. contract.Secrets.Select(s => ReleaseReceipt.SecretItem(s.Owner, s.Name)),
        .. contract.Datasets.Select(d => ReleaseReceipt.DatasetItem(d.Owner, d.Name)),
    ];

    private static byte[]? DecodeNonce(string nonce, List<ReleaseFailure> failures)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(nonce);
            if (bytes.Length == ReleaseChallengeStore.NonceBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        failures.Add(new ReleaseFailure(ReleaseRules.NonceFormat, "The nonce is not the base64url of 32 bytes from POST /release/challenges."));
        return null;
    }

    private static byte[]? DecodeManifest(string? manifest, List<ReleaseFailure> failures)
    {
        if (manifest is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(manifest);
        }
        catch (FormatException)
        {
            failures.Add(new ReleaseFailure(ReleaseRules.EvidenceFormat, "evidence.manifest is not standard base64."));
            return null;
        }
    }

    private static void CheckBinding(VerifiedEvidence evidence, byte[] binding, List<ReleaseFailure> failures)
    {
        if (evidence.BoundData is null || !CryptographicOperations.FixedTimeEquals(evidence.BoundData, binding))
        {
            failures.Add(new ReleaseFailure(ReleaseRules.EvidenceBinding,
                "The evidence does not carry SHA-512(\"governance-release-v1\" ‖ 0x00 ‖ nonce ‖ wrapping key thumbprint).",
                Convert.ToHexStringLower(binding), evidence.BoundData is null ? "none" : Convert.ToHexStringLower(evidence.BoundData)));
        }
    }

    private static void CheckNonce(NonceCheck check, List<ReleaseFailure> failures)
    {
        switch (check)
        {
            case NonceCheck.Unknown:
                failures.Add(new ReleaseFailure(ReleaseRules.NonceKnown, "The nonce was not issued by this service."));
                break;
            case NonceCheck.AlreadyUsed:
                failures.Add(new ReleaseFailure(ReleaseRules.NonceUnused, "The nonce was already used; take a new challenge."));
                break;
            case NonceCheck.Expired:
                failures.Add(new ReleaseFailure(ReleaseRules.NonceUnexpired, "The nonce expired; take a new challenge."));
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release granted for contract {ContractId} to VM {ClaimsDigest}")]
    private static partial void LogGranted(ILogger logger, string contractId, string claimsDigest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release refused for contract {ContractId}: {Rules}")]
    private static partial void LogRefused(ILogger logger, string contractId, string rules);
}
