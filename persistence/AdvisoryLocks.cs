
namespace Governance.Persistence;

/// <summary>
/// Every PostgreSQL advisory lock key the service takes, in one place so no two areas pick the same number
/// by accident (PostgreSQL has one key space per database). Each key is a short ASCII tag read as a
/// big-endian 64-bit integer, which keeps it recognisable in <c>pg_locks</c>. All but <see cref="Migrations"/> are
/// transaction-scoped (<c>pg_advisory_xact_lock</c>): they are released at commit or rollback and never leak from a
/// pooled connection.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>
    /// "auditlog": one audit sequencer at a time across replicas, so queued entries get contiguous sequence
    /// numbers and each batch extends the Merkle frontier the previous batch left.
    /// </summary>
    public const long AuditSequencer = 0x61756469746c6f67;

    /// <summary>
    /// "gov_mem": serialises changes to membership, rules, proposals and member keys (genesis included),
    /// because deciding a quorum needs a roll nobody changes meanwhile. These changes are rare, so one
    /// lock for all of them costs nothing.
    /// </summary>
    public const long Membership = 0x676f765f6d656d;

    /// <summary>
    /// "signkeys": creating or rotating the service signing key, so replicas starting together agree on one
    /// first key and two rotations do not race to be "newest".
    /// </summary>
    public const long ServiceSigningKeys = 0x7369676e6b657973;

    /// <summary>
    /// "gov_migr": one replica applies migrations at a time. EF runs each migration in its own transaction, and
    /// replicas starting together on an empty database still applied the same migration twice, so this lock is
    /// session-scoped, held on a connection of its own across the whole run, and released explicitly (or when the
    /// connection drops with a crashed process).
    /// </summary>
    public const long Migrations = 0x676f765f6d696772;

    /// <summary>
    /// "secr": with <c>hashtext(owner || '/' || name)</c> as the second key (PostgreSQL's two-key form, a key space of
    /// its own), one upload of a secret name at a time, so concurrent uploads get successive versions instead of
    /// one of them failing after its value was already written to an external vault.
    /// </summary>
    public const int SecretName = 0x73656372;

    /// <summary>Takes <paramref name="key"/> until the current transaction ends (the caller must have one open).</summary>
    public static async Task AcquireAsync(GovernanceDbContext db, long key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }
}
