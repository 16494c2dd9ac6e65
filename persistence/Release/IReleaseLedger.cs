namespace Governance.Persistence.Release;

/// <summary>
/// The release path in two round trips: one read of everything a decision needs, and one statement that records a
/// grant (the nonce used up, the release counted, its audit entry queued) only if what was read still holds. When it
/// does not, the caller decides again under the contract's row lock (<see cref="IReleaseContracts"/>).
/// </summary>
public interface IReleaseLedger
{
    /// <summary>Reads the nonce's state, the contract and its current secret versions, in one round trip and without locks.</summary>
    Task<ReleaseSnapshot> ReadAsync(byte[] nonce, Guid contractId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// In one statement, and committed with it: uses up <paramref name="nonce"/>, counts a release of
    /// <paramref name="contract"/> and queues <paramref name="grant"/> — if the nonce is still unused and unexpired, the
    /// contract still at the revision read and under its release limit; <paramref name="binding"/> is then bound to the
    /// contract. False, with nothing written, otherwise.
    /// </summary>
    Task<bool> TryRecordGrantAsync(byte[] nonce, ReleaseContract contract, AuditRecord grant, KeyBinding binding, DateTimeOffset now, CancellationToken cancellationToken);
}
