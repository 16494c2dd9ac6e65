namespace Governance.Persistence.Members;

/// <summary>
/// The consortium in PostgreSQL. Rows loaded for change stay tracked by the context of the unit of work, and the
/// Save methods copy the domain objects' state back onto them.
/// </summary>
internal sealed class MembershipRepository(GovernanceDbContext db) : IMembershipRepository
{
    public Task LockAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null
            ? throw new InvalidOperationException("The membership lock is taken inside a unit of work.")
            : MembershipLock.AcquireAsync(db, cancellationToken);

    public async Task<bool> IsFoundedAsync(CancellationToken cancellationToken) =>
        await db.ConsortiumSettings.AnyAsync(cancellationToken) || await db.Members.AnyAsync(cancellationToken);

    public void Found(Genesis genesis, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        db.ConsortiumSettings.Add(new ConsortiumSettingsRow
        {
            Name = genesis.ConsortiumName,
            MembershipQuorum = genesis.Rules.MembershipQuorum.ToWire(),
            AllowUnsignedApprovalsForExternalIdentities = genesis.Rules.AllowUnsignedApprovalsForExternalIdentities,
            CreatedAt = now,
        });
        foreach (var member in genesis.Members)
        {
            db.Members.Add(member.ToRow(now));
        }
    }

    public async Task<Membership?> LoadMembershipAsync(CancellationToken cancellationToken)
    {
        var settings = await db.ConsortiumSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var rows = await MembersWithKeys().ToListAsync(cancellationToken);
        var stored = ConsortiumRulesReader.ToSettings(settings);
        return new Membership([.. rows.Select(r => r.ToDomain())], stored.Rules.MembershipQuorum, stored.Custody);
    }

    public void Save(Membership membership, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var settings = db.ConsortiumSettings.Local.Single();
        settings.MembershipQuorum = membership.Quorum.ToWire();
        settings.ServiceMeasurements = [.. membership.Custody.Measurements];
        settings.RecoveryThreshold = membership.Custody.Recovery?.Threshold;
        settings.RecoveryHolders = [.. membership.Custody.Recovery?.Holders ?? []];
        foreach (var member in membership.Members)
        {
            if (db.Members.Local.FirstOrDefault(r => r.Id == member.Id) is not { } row)
            {
                db.Members.Add(member.ToRow(now));
                continue;
            }

            row.Roles = RowMapping.RolesOf(member);
            var status = RowMapping.StatusOf(member);
            if (row.Status != status)
            {
                row.Status = status;
                row.RemovedAt = member.IsActive ? null : now;
            }
        }
    }

    public async Task<Member?> LoadMemberAsync(string memberId, CancellationToken cancellationToken) =>
        (await MembersWithKeys().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken))?.ToDomain();

    public void SaveKeys(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var row = db.Members.Local.Single(r => r.Id == member.Id);
        row.RecoveryKeyJwk = member.RecoveryKey?.Jwk;
        row.RecoveryKeyId = member.RecoveryKey?.KeyId;
        foreach (var key in member.Keys)
        {
            if (row.Keys.FirstOrDefault(k => k.KeyId == key.KeyId) is { } stored)
            {
                stored.RemovedAt = key.RemovedAt;
            }
            else
            {
                db.MemberKeys.Add(key.ToRow(member.Id));
            }
        }
    }

    public async Task<KeyRegistration> FindKeyRegistrationAsync(string keyId, CancellationToken cancellationToken) => new(
        await db.MemberKeys.Where(k => k.KeyId == keyId).Select(k => k.MemberId).SingleOrDefaultAsync(cancellationToken),
        await db.Members.Where(m => m.RecoveryKeyId == keyId).Select(m => m.Id).FirstOrDefaultAsync(cancellationToken));

    public async Task<Proposal?> FindProposalAsync(Guid id, CancellationToken cancellationToken) =>
        (await db.Proposals.AsNoTracking().Include(p => p.Ballots).SingleOrDefaultAsync(p => p.Id == id, cancellationToken))?.ToDomain();

    public async Task<ProposalListing> ListProposalsAsync(ProposalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var proposals = db.Proposals.AsNoTracking().Include(p => p.Ballots).AsQueryable();
        if (query.State is { } wanted)
        {
            var stored = wanted.ToWire();
            proposals = proposals.Where(p => p.State == stored);
        }

        if (query.After is { } after)
        {
            proposals = proposals.Where(p => p.ListingSequence < after);
        }

        var rows = await proposals.OrderByDescending(p => p.ListingSequence).Take(query.Limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(query.Limit).ToList();
        return new ProposalListing([.. page.Select(r => r.ToDomain())], rows.Count > query.Limit ? page[^1].ListingSequence : null);
    }

    public async Task<Proposal?> LoadProposalAsync(Guid id, CancellationToken cancellationToken) =>
        (await db.Proposals.Include(p => p.Ballots).SingleOrDefaultAsync(p => p.Id == id, cancellationToken))?.ToDomain();

    public async Task<IReadOnlyList<Proposal>> LoadOpenProposalsAsync(Guid except, CancellationToken cancellationToken)
    {
        var open = ProposalState.Open.ToWire();
        var rows = await db.Proposals.Include(p => p.Ballots)
            .Where(p => p.State == open && p.Id != except)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToDomain())];
    }

    public void Add(Proposal proposal) => db.Proposals.Add(proposal.ToRow());

    public void Save(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var row = db.Proposals.Local.Single(r => r.Id == proposal.Id);
        row.State = proposal.State.ToWire();
        row.ClosedAt = proposal.ClosedAt;
        foreach (var ballot in proposal.Ballots.Where(b => !row.Ballots.Any(stored => stored.MemberId == b.MemberId)))
        {
            row.Ballots.Add(ballot.ToRow(proposal.Id));
        }
    }

    private IQueryable<MemberRow> MembersWithKeys() =>
        db.Members.Include(m => m.Keys).Include(m => m.ExternalIdentities).AsSplitQuery();
}
