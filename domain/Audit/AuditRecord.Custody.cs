namespace Governance.Domain.Audit;

/// <summary>The catalogue's entries about the service's custody of the key-encryption key.</summary>
public sealed partial record AuditRecord
{
    /// <summary>The subject every custody entry carries, so one filter finds the whole story.</summary>
    public const string CustodySubject = "service:custody";

    public static AuditRecord MemberRecoveryKeySet(string memberId, MemberPublicKey key) =>
        new(AuditActor.Member(memberId), AuditActions.MemberRecoveryKeySet, [AuditSubjects.Member(memberId), CustodySubject], AuditOutcome.Succeeded,
            new JsonObject { ["keyId"] = key.KeyId, ["curve"] = key.Curve });

    /// <param name="actor">The voter whose ballot enacted it, or the system for the first instance's own build.</param>
    /// <param name="proposalId">Null when the first instance approved its own build.</param>
    public static AuditRecord ServiceMeasurementsSet(AuditActor actor, Guid? proposalId, IReadOnlyList<string> measurements) =>
        new(actor, AuditActions.ServiceMeasurementsSet, proposalId is { } id ? [AuditSubjects.Proposal(id), CustodySubject] : [CustodySubject],
            AuditOutcome.Succeeded, new JsonObject { ["measurements"] = Strings(measurements) });

    public static AuditRecord ServiceRecoveryPolicySet(AuditActor actor, Guid proposalId, RecoveryPolicy policy) =>
        new(actor, AuditActions.ServiceRecoveryPolicySet, [AuditSubjects.Proposal(proposalId), CustodySubject], AuditOutcome.Succeeded,
            new JsonObject { ["threshold"] = policy.Threshold, ["holders"] = Strings(policy.Holders) });

    /// <param name="recoveryKeys">Holder → the id of the recovery key its share is encrypted to.</param>
    public static AuditRecord ServiceRecoverySharesMade(string keyId, RecoveryPolicy policy, IReadOnlyDictionary<string, string> recoveryKeys) =>
        new(AuditActor.System, AuditActions.ServiceRecoverySharesMade, [CustodySubject, .. policy.Holders.Select(AuditSubjects.Member)], AuditOutcome.Succeeded,
            new JsonObject
            {
                ["keyEncryptionKey"] = keyId,
                ["threshold"] = policy.Threshold,
                ["holders"] = new JsonArray([.. policy.Holders.Select(h => (JsonNode)new JsonObject { ["memberId"] = h, ["recoveryKeyId"] = recoveryKeys[h] })]),
            });

    public static AuditRecord ServiceKeyCreated(string keyId, string measurement) =>
        new(AuditActor.System, AuditActions.ServiceKeyCreated, [CustodySubject], AuditOutcome.Succeeded,
            new JsonObject { ["keyEncryptionKey"] = keyId, ["measurement"] = measurement });

    /// <param name="how"><c>sealed</c> (its own seal on this chip), <c>replica</c>, <c>recovery</c> or <c>created</c>.</param>
    /// <param name="evidence">What this instance attested at start: its measurement, keys, report and certificates.</param>
    /// <param name="source">The replica's identity key id, or the share holders, that it came from; null otherwise.</param>
    public static AuditRecord ServiceUnsealed(string keyId, string how, JsonObject evidence, JsonNode? source) =>
        new(AuditActor.System, AuditActions.ServiceUnsealed, [CustodySubject], AuditOutcome.Succeeded,
            new JsonObject { ["keyEncryptionKey"] = keyId, ["how"] = how, ["source"] = source, ["evidence"] = evidence });

    public static AuditRecord ServiceUnsealRefused(string measurement, string reason) =>
        new(AuditActor.System, AuditActions.ServiceUnsealRefused, [CustodySubject], AuditOutcome.Denied,
            new JsonObject { ["measurement"] = measurement, ["reason"] = reason });

    public static AuditRecord ServiceKeyTransferred(Guid requestId, string measurement, string identityKeyId) =>
        new(AuditActor.System, AuditActions.ServiceKeyTransferred, [CustodySubject], AuditOutcome.Succeeded,
            new JsonObject { ["request"] = requestId.ToString("D"), ["measurement"] = measurement, ["identityKeyId"] = identityKeyId });

    /// <param name="failures">Each broken rule and what was found.</param>
    public static AuditRecord ServiceKeyTransferRefused(Guid requestId, string? measurement, IReadOnlyList<(string Rule, string Detail)> failures) =>
        new(AuditActor.System, AuditActions.ServiceKeyTransferRefused, [CustodySubject], AuditOutcome.Denied,
            new JsonObject
            {
                ["request"] = requestId.ToString("D"),
                ["measurement"] = measurement,
                ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)new JsonObject { ["rule"] = f.Rule, ["detail"] = f.Detail })]),
            });

    public static AuditRecord ServiceRecoveryShareReceived(string memberId, int received, int threshold) =>
        new(AuditActor.Member(memberId), AuditActions.ServiceRecoveryShareReceived, [CustodySubject, AuditSubjects.Member(memberId)], AuditOutcome.Succeeded,
            new JsonObject { ["received"] = received, ["threshold"] = threshold });

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);
}
