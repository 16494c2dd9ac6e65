namespace Governance.Domain.Contracts;

/// <summary>
/// Loads and saves contracts. Reads stand alone; <see cref="LockAsync"/>, <see cref="Add"/> and
/// <see cref="RecordTransitionsAsync"/> work inside the caller's unit of work, which commits them together.
/// </summary>
public interface IContractRepository
{
    /// <summary>The contract with its approvals, untracked; null if unknown.</summary>
    Task<Contract?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Newest first, one page.</summary>
    Task<ContractListing> ListAsync(ContractQuery query, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The id of version <paramref name="version"/> of the amendment chain that ends at <paramref name="id"/> (following
    /// <see cref="Contract.PreviousVersionId"/> back, one step per version); null if the chain has no such version.
    /// </summary>
    Task<Guid?> FindChainVersionAsync(Guid id, int version, CancellationToken cancellationToken);

    /// <summary>Every transition of the contract, oldest first.</summary>
    Task<IReadOnlyList<ContractEvent>> EventsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the contract's row lock for the unit of work and loads it, approvals included, for change: concurrent
    /// changes of one contract run one after another, each seeing what the one before committed. Null if unknown.
    /// </summary>
    Task<Contract?> LockAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Adds a new contract to the unit of work.</summary>
    void Add(Contract contract);

    /// <summary>Appends the contract's pending transitions to <c>contract_events</c> and to the audit log, in the unit of work.</summary>
    Task RecordTransitionsAsync(Contract contract, CancellationToken cancellationToken);
}

/// <param name="Party">Only contracts this member is a party of; null for all.</param>
/// <param name="State">Only contracts in this (effective) state; null for all.</param>
/// <param name="After">Cursor: the listing sequence of the last item of the previous page.</param>
/// <param name="Limit">Page size.</param>
public sealed record ContractQuery(string? Party, ContractStateName? State, long? After, int Limit);

/// <param name="Items">The page, newest first.</param>
/// <param name="NextCursor">Where the next page starts; null on the last page.</param>
public sealed record ContractListing(IReadOnlyList<Contract> Items, long? NextCursor);
