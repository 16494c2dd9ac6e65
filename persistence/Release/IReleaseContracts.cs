namespace Governance.Persistence.Release;

/// <summary>The contracts as the release path sees them. Both calls run inside the release's transaction.</summary>
public interface IReleaseContracts
{
    /// <summary>
    /// Loads the contract and locks it for this transaction, so concurrent releases count against its
    /// limit one after another and a revocation committed before this point is seen; null if unknown.
    /// </summary>
    Task<ReleaseContract?> LoadForReleaseAsync(string contractId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts one release of the contract and binds the wrapping key it went to (saved with the transaction).</summary>
    Task RecordReleaseAsync(string contractId, KeyBinding binding, DateTimeOffset now, CancellationToken cancellationToken);
}
