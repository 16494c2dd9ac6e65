using System.Text;
using Governance.Domain.Contracts;
using Governance.Domain.Release;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Release;

/// <summary>
/// Contracts for the release path: the row is locked (SELECT … FOR UPDATE) in the release's transaction, so
/// releases of one contract count one after another and a revocation that committed first is always seen.
/// </summary>
internal sealed class ReleaseContracts(GovernanceDbContext db) : IReleaseContracts
{
    private Contract? locked;

    public async Task<ReleaseContract?> LoadForReleaseAsync(string contractId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(contractId, out var id))
        {
            return null;
        }

        var ids = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM contracts WHERE id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        locked = await db.Contracts.SingleAsync(c => c.Id == id, cancellationToken);
        var eligibility = locked.Check(now);
        var content = locked.Content;
        return new ReleaseContract(
            locked.Id.ToString("D"),
            locked.DigestHex,
            locked.Parties,
            locked.EffectivePolicy,
            Vmpl: null,
            content.CleanRoom.CustomRuntime is { } runtime ? new ReleaseRuntime(runtime.Name, runtime.Digest, runtime.SignerThumbprint) : null,
            [.. content.Secrets.Select(s => new ReleaseSecretRef(s.Owner, s.Name))],
            [.. content.Datasets.Select(d => new ReleaseDatasetRef(d.Owner, d.Name, d.Location, d.Format, d.SchemaDigest, d.KeySecret, d.CredentialSecret))],
            eligibility.Allowed
                ? []
                : [new ReleaseFailure($"contract.{Snake(eligibility.Reason!.Value.ToString())}", eligibility.Detail, "in force", locked.EffectiveState(now).ToString())]);
    }

    public Task RecordReleaseAsync(string contractId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (locked is null || locked.Id.ToString("D") != contractId)
        {
            throw new InvalidOperationException("RecordReleaseAsync follows LoadForReleaseAsync of the same contract.");
        }

        locked.RecordRelease(now);
        return Task.CompletedTask;
    }

    private static string Snake(string pascal)
    {
        var builder = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
