namespace Governance.Domain.Custody;

/// <summary>
/// Loads and saves what the database holds of the service's key-encryption key: its record, its seals to chips and
/// builds, recovery shares, and replicas' requests for it. Everything works inside the caller's unit of work.
/// </summary>
public interface IServiceCustodyRepository
{
    /// <summary>Null before the first confidential instance made the key.</summary>
    Task<CustodyRecord?> LoadAsync(CancellationToken cancellationToken);

    void Create(CustodyRecord record);

    /// <summary>Replaces the seal over the custody rules of the record loaded by <see cref="LoadAsync"/>.</summary>
    Task SaveRulesSealAsync(byte[] rulesSeal, CancellationToken cancellationToken);

    Task<MeasurementSeal?> FindSealAsync(string keyId, string chipId, string measurement, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the seal for one chip and build.</summary>
    Task SaveSealAsync(MeasurementSeal seal, CancellationToken cancellationToken);

    Task<StoredRecoveryShare?> FindShareAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>The threshold and holders of the current shares of <paramref name="keyId"/>; empty when none were made.</summary>
    Task<IReadOnlyList<StoredRecoveryShare>> LoadSharesAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Deletes every share and stores these instead: a new policy makes a new polynomial, and old shares must not mix with new ones.</summary>
    Task ReplaceSharesAsync(IReadOnlyList<StoredRecoveryShare> shares, CancellationToken cancellationToken);

    void AddRequest(KeyRequest request);

    /// <summary>Pending requests, oldest first, locked so that two running instances never answer the same one.</summary>
    Task<IReadOnlyList<KeyRequest>> LockPendingRequestsAsync(int limit, CancellationToken cancellationToken);

    Task<KeyRequest?> FindRequestAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Writes back the state, answer or reason of a request.</summary>
    Task SaveRequestAsync(KeyRequest request, CancellationToken cancellationToken);
}
