using System.Text.Json.Nodes;
using Governance.Domain.Audit;
using Governance.Domain.Contracts;
using Governance.Persistence.Audit;

namespace Governance.Persistence.Contracts;

/// <summary>Adds a contract's pending transitions to <c>contract_events</c> and the audit log, in the caller's transaction.</summary>
internal static class ContractEventRecorder
{
    public static async Task RecordAsync(GovernanceDbContext db, IAuditLog audit, Contract contract, CancellationToken cancellationToken)
    {
        foreach (var recorded in contract.DrainEvents())
        {
            db.ContractEvents.Add(recorded);
            var details = new JsonObject
            {
                ["contractId"] = contract.Id.ToString("D"),
                ["version"] = contract.Version,
                ["digest"] = Convert.ToHexStringLower(recorded.Digest),
                ["state"] = contract.State.ToString().ToLowerInvariant(),
            };
            if (recorded.Reason is not null)
            {
                details["reason"] = recorded.Reason;
            }

            List<string> subjects = [$"contract:{contract.Id:D}"];
            if (contract.PreviousVersionId is { } previous && recorded.Kind == ContractEventKind.Created)
            {
                subjects.Add($"contract:{previous:D}");
            }

            await audit.AppendAsync(
                new AuditRecord(recorded.By, $"contract.{recorded.Kind.ToString().ToLowerInvariant()}", subjects, AuditOutcome.Succeeded, details),
                cancellationToken);
        }
    }
}
