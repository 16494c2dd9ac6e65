using Governance.Domain.Audit;
using Governance.Domain.Contracts;

namespace Governance.Persistence.Contracts;

/// <summary>
/// Loads and saves contracts. Every change runs in one transaction that holds the contract's row lock,
/// appends its transitions to <c>contract_events</c> and to the audit log, and commits them together.
/// </summary>
public interface IContractStore
{
    /// <summary>The contract with its approvals, untracked; null if unknown.</summary>
    Task<Contract?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Newest first. <paramref name="party"/> null lists every contract (auditors).</summary>
    Task<ContractListing> ListAsync(ContractQuery query, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ContractEvent>> EventsAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Stores a new contract and its creation event.</summary>
    Task AddAsync(Contract contract, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks the contract (SELECT … FOR UPDATE), runs <paramref name="change"/> on it and saves the result. The change may
    /// return a new contract (an amendment) to store with it. When the change accepts an amendment, the version it amends
    /// is superseded in the same transaction. Throws not-found when <paramref name="isVisible"/> refuses the caller.
    /// </summary>
    Task<ContractChangeResult> ChangeAsync(
        Guid id,
        Func<Contract, bool> isVisible,
        Func<Contract, CancellationToken, Task<Contract?>> change,
        CancellationToken cancellationToken = default);
}

/// <param name="Party">Only contracts this member is a party of; null for all.</param>
/// <param name="After">Cursor: the listing sequence of the last item of the previous page.</param>
public sealed record ContractQuery(string? Party, ContractState? State, long? After, int Limit);

public sealed record ContractListing(IReadOnlyList<Contract> Items, long? NextCursor);

/// <param name="Created">The amendment the change created, if any.</param>
public sealed record ContractChangeResult(Contract Contract, Contract? Created);
