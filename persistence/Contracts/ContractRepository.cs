namespace Governance.Persistence.Contracts;

/// <summary>Contracts in PostgreSQL: row locks, the listing sequence for paging, events and audit entries in the caller's transaction.</summary>
internal sealed class ContractRepository(GovernanceDbContext db, IAuditLog audit) : IContractRepository
{
    public async Task<Contract?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Contracts.AsNoTracking().Include(c => c.Approvals).Include(c => c.Consents).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<ContractListing> ListAsync(ContractQuery query, DateTimeOffset now, CancellationToken cancellationToken)
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
            ContractStateName.Expired => contracts.Where(c => c.State == ContractStateName.Accepted && c.NotAfter != null && c.NotAfter <= now),
            ContractStateName.Accepted => contracts.Where(c => c.State == ContractStateName.Accepted && (c.NotAfter == null || c.NotAfter > now)),
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

    public async Task<Guid?> FindChainVersionAsync(Guid id, int version, CancellationToken cancellationToken)
    {
        // One statement however long the chain; each step must lower the version, so the walk ends even on rows edited by hand.
        var found = await db.Database.SqlQuery<Guid>($"""
            WITH RECURSIVE chain AS (
                SELECT id, version, previous_version_id FROM contracts WHERE id = {id}
                UNION ALL
                SELECT c.id, c.version, c.previous_version_id FROM contracts c
                JOIN chain ON c.id = chain.previous_version_id
                WHERE chain.version > {version} AND c.version < chain.version
            )
            SELECT id AS "Value" FROM chain WHERE version = {version}
            """).ToListAsync(cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    public async Task<IReadOnlyList<ContractEvent>> EventsAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ContractEvents.AsNoTracking().Where(e => e.ContractId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

    public void Add(Contract contract) => db.Contracts.Add(contract);

    public async Task<Contract?> LockAsync(Guid id, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A contract is locked inside a unit of work.");
        }

        // The row lock first, then the load: a load first would read approvals a concurrent change is about to add.
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM contracts WHERE id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.Count == 0
            ? null
            : await db.Contracts.Include(c => c.Approvals).Include(c => c.Consents).SingleAsync(c => c.Id == id, cancellationToken);
    }

    public Task RecordTransitionsAsync(Contract contract, CancellationToken cancellationToken) =>
        ContractEventRecorder.RecordAsync(db, audit, contract, cancellationToken);
}
