namespace Governance.Api.Endpoints;

/// <summary>Domain contracts to their wire form.</summary>
internal static class ContractsMapping
{
    public static ContractView ToView(this Contract contract, DateTimeOffset now) => new(
        contract.Id,
        contract.Version,
        contract.PreviousVersionId,
        contract.EffectiveState(now),
        contract.ProposerId,
        contract.DigestHex,
        contract.Content,
        [.. contract.Approvals.Select(a => a.MemberId).Order(StringComparer.Ordinal)],
        contract.ReleaseCount,
        contract.CreatedAt,
        contract.UpdatedAt,
        contract.ProposedAt,
        contract.DecidedAt,
        contract.Reason,
        Consent: contract.State == ContractStateName.Draft || contract.State == ContractStateName.Proposed ? null : contract.Consent.ToView());

    public static ContractConsentView ToView(this ConsentState consent) => new(
        consent.Execution, consent.PausedBy, consent.Logging, consent.LoggingEnabledBy, consent.Telemetry, consent.TelemetryEnabledBy, consent.Sequence);

    public static ContractSummary ToSummary(this Contract contract, DateTimeOffset now) => new(
        contract.Id,
        contract.Version,
        contract.Content.Title,
        contract.EffectiveState(now),
        contract.ProposerId,
        contract.Parties,
        contract.DigestHex,
        contract.UpdatedAt);

    public static ApprovalView ToView(this ContractApproval approval) => new(
        approval.MemberId,
        Convert.ToHexStringLower(approval.Digest),
        approval.Signature,
        approval.KeyId,
        approval.PublicJwk,
        approval.IsUnsigned,
        approval.ApprovedAt);

    public static ContractEventView ToView(this ContractEvent recorded) => new(
        recorded.Sequence,
        recorded.Kind.ToString().ToLowerInvariant(),
        recorded.Actor,
        recorded.At,
        Convert.ToHexStringLower(recorded.Digest),
        recorded.Reason,
        recorded.ActorKind == Domain.Audit.AuditActorKind.System ? "system" : "member");
}
