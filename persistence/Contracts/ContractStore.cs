using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Persistence.Audit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Contracts;

internal sealed class ContractStore(GovernanceDbContext db, IAuditLog audit, IContractAcceptanceSeals seals) : IContractStore
{
    public async Task<Contract?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Contracts.AsNoTracking().Include(c => c.Approvals).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<ContractListing> ListAsync(ContractQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var contracts = db.Contracts.AsNoTracking().Include(c => c.Approvals).AsQueryable();
        if (query.Party is { } party)
        {
            contracts = contracts.Where(c => c.Parties.Contains(party));
        }

        contracts = query.State switch
        {
            null => contracts,
            ContractState.Expired => contracts.Where(c => c.State == ContractState.Accepted && c.NotAfter != null && c.NotAfter <= now),
            ContractState.Accepted => contracts.Where(c => c.State == ContractState.Accepted && (c.NotAfter == null || c.NotAfter > now)),
            var state => contracts.Where(c => c.State == state),
        };
        if (query.After is { } after)
        {
            contracts = contracts.Where(c => EF.Property<long>(c, ContractConfiguration.ListingSequence) < after);
        }

        var page = await contracts
            .OrderByDescending(c => EF.Property<long>(c, ContractConfiguration.ListingSequence))
            .Select(c => new { Contract = c, Sequence = EF.Property<long>(c, ContractConfiguration.ListingSequence) })
            .Take(query.Limit + 1)
            .ToListAsync(cancellationToken);
        var items = page.Take(query.Limit).ToList();
        return new ContractListing(
            [.. items.Select(i => i.Contract)],
            page.Count > query.Limit ? items[^1].Sequence : null);
    }

    public async Task<IReadOnlyList<ContractEvent>> EventsAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.ContractEvents.AsNoTracking().Where(e => e.ContractId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

    public async Task AddAsync(Contract contract, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contract);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Contracts.Add(contract);
        await RecordEventsAsync(contract, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ContractChangeResult> ChangeAsync(
        Guid id,
        Func<Contract, bool> isVisible,
        Func<Contract, CancellationToken, Task<Contract?>> change,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isVisible);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contract = await LockAsync(id, cancellationToken);
        if (contract is null || !isVisible(contract))
        {
            throw DomainException.NotFound("contract", id.ToString());
        }

        var created = await change(contract, cancellationToken);
        var accepted = contract.PendingEvents.Any(e => e.Kind == ContractEventKind.Accepted);
        if (accepted)
        {
            // Signed in the transaction that accepts, so no accepted contract is ever stored without its seal.
            contract.AttachAcceptanceSeal(await seals.SealAsync(contract, cancellationToken));
        }

        await RecordEventsAsync(contract, cancellationToken);
        if (created is not null)
        {
            db.Contracts.Add(created);
            await RecordEventsAsync(created, cancellationToken);
        }
        if (accepted && contract.PreviousVersionId is { } previousId && await LockAsync(previousId, cancellationToken) is { } previous)
        {
            previous.SupersedeBy(contract, contract.UpdatedAt);
            await RecordEventsAsync(previous, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ContractChangeResult(contract, created);
    }

    /// <summary>
    /// Takes the row lock first, then loads: concurrent changes of one contract (say, every party approving at
    /// once) run one after another, each seeing the approvals committed before it.
    /// </summary>
    private async Task<Contract?> LockAsync(Guid id, CancellationToken cancellationToken)
    {
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM contracts WHERE id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.Count == 0
            ? null
            : await db.Contracts.Include(c => c.Approvals).SingleAsync(c => c.Id == id, cancellationToken);
    }

    private Task RecordEventsAsync(Contract contract, CancellationToken cancellationToken) =>
        ContractEventRecorder.RecordAsync(db, audit, contract, cancellationToken);
}
