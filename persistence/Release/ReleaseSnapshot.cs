namespace Governance.Persistence.Release;

/// <summary>
/// What one read, without locks, shows of a release request's nonce, contract and the contract's current secret
/// versions (still sealed). A grant made from it is written only if none of it changed (<see cref="IReleaseLedger.TryRecordGrantAsync"/>).
/// </summary>
/// <param name="Nonce">The nonce's state when read: <see cref="NonceState.Usable"/>, or why it is not.</param>
/// <param name="Contract">The contract's release view, or null when there is none.</param>
/// <param name="Secrets">The current version of each secret the stored content names that exists.</param>
public sealed record ReleaseSnapshot(NonceState Nonce, ReleaseContract? Contract, IReadOnlyList<SecretRow> Secrets);
