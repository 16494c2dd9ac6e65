namespace Governance.Persistence;

/// <summary>
/// Every PostgreSQL advisory lock key the service takes, in one place so no two concerns can collide.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>"auditlog" in ASCII: one audit sequencer at a time across replicas.</summary>
    public const long AuditSequencer = 0x61756469746c6f67;
}
