namespace Governance.LocalPostgres;

/// <summary>How a <see cref="LocalPostgresCluster"/> trades safety for speed. There is no default: each caller names its choice.</summary>
public enum LocalClusterDurability
{
    /// <summary>
    /// For the service: fsync, synchronous_commit and full_page_writes on, so an acknowledged commit survives a
    /// crash of PostgreSQL or of the machine; password (SCRAM) authentication on the socket and on 127.0.0.1, with a
    /// generated password kept beside the data folder (mode 0600).
    /// </summary>
    Durable,

    /// <summary>
    /// For throwaway test clusters only: fsync, synchronous_commit and full_page_writes off and trust authentication
    /// (anyone on the machine may connect as any role). A crash of the machine can lose or corrupt such a cluster.
    /// </summary>
    UnsafeFastForTests,
}
