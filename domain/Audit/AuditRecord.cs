namespace Governance.Domain.Audit;

/// <summary>
/// One fact to be appended to the audit log, in the same transaction as the change it records.
/// Details hold metadata only: never a secret value.
/// </summary>
/// <param name="Action">Dotted verb, e.g. <c>contract.approved</c>, <c>release.denied</c>.</param>
/// <param name="Subjects">Ids of what the action is about, e.g. <c>contract:3f2a…</c>, <c>member:alice</c>.</param>
/// <param name="Outcome">Whether the action took effect.</param>
public sealed partial record AuditRecord(
    AuditActor Actor,
    string Action,
    IReadOnlyList<string> Subjects,
    AuditOutcome Outcome,
    JsonObject? Details = null);

public enum AuditOutcome
{
    Succeeded,
    Denied,
    Failed,
}
