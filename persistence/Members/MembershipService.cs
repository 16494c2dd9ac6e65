using Governance.Domain.Audit;
using Governance.Domain.Errors;
using Governance.Domain.Members;
using Governance.Domain.Proposals;
using Governance.Persistence.Audit;
using Governance.Persistence.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Members;

/// <summary>
/// Changes to the consortium: genesis, proposals and ballots, members' own keys. Each call loads under
/// the membership lock, lets the domain decide, and saves the change with its audit entries in one transaction.
/// </summary>
public sealed class MembershipService(GovernanceDbContext db, IAuditLog audit, MemberDepartureContracts departures, TimeProvider time)
{
    /// <summary>Writes the founding members and rules into an empty database. Returns false when genesis already happened.</summary>
    public async Task<bool> ApplyGenesisAsync(Genesis genesis, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MembershipLock.AcquireAsync(db, cancellationToken);
        if (await db.ConsortiumSettings.AnyAsync(cancellationToken) || await db.Members.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = Now();
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

        await audit.AppendAsync(AuditRecord.ConsortiumFounded(genesis), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Proposal> ProposeAsync(string proposerId, ProposalChange change, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MembershipLock.AcquireAsync(db, cancellationToken);
        var roll = await LoadRollAsync(cancellationToken);
        var now = Now();
        var proposal = Proposal.Open(Guid.CreateVersion7(now), proposerId, change, roll.Membership, now);
        var keysInUse = await db.MemberKeys.Select(k => k.KeyId).ToListAsync(cancellationToken);
        var identitiesInUse = await db.ExternalIdentities.Select(i => new { i.Issuer, i.Subject }).ToListAsync(cancellationToken);
        roll.Membership.EnsureApplicable(change, keysInUse, identitiesInUse.Select(i => new ExternalIdentity(i.Issuer, i.Subject)));

        db.Proposals.Add(proposal.ToRow());
        await audit.AppendAsync(AuditRecord.ProposalOpened(proposerId, proposal), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return proposal;
    }

    /// <summary>Records a ballot and, when it decides the proposal, enacts it. Recorded is false for a repeated identical ballot.</summary>
    public async Task<(Proposal Proposal, bool Recorded)> VoteAsync(Guid proposalId, string memberId, Vote vote, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MembershipLock.AcquireAsync(db, cancellationToken);
        var row = await db.Proposals.Include(p => p.Ballots).SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken)
            ?? throw DomainException.NotFound("proposal", proposalId.ToString());
        var roll = await LoadRollAsync(cancellationToken);
        var proposal = row.ToDomain();
        var now = Now();
        if (!proposal.Cast(memberId, vote, roll.Membership, now))
        {
            return (proposal, false);
        }

        var actor = AuditActor.Member(memberId);
        row.Ballots.Add(proposal.Ballots[^1].ToRow(proposal.Id));
        await audit.AppendAsync(AuditRecord.BallotCast(actor, proposal, vote), cancellationToken);

        if (!proposal.IsOpen)
        {
            await CloseAsync(row, proposal, actor, cancellationToken);
        }

        if (proposal.State == ProposalState.Accepted)
        {
            await EnactAsync(proposal, roll, actor, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (proposal, true);
    }

    public async Task<Proposal> WithdrawAsync(Guid proposalId, string memberId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MembershipLock.AcquireAsync(db, cancellationToken);
        var row = await db.Proposals.Include(p => p.Ballots).SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken)
            ?? throw DomainException.NotFound("proposal", proposalId.ToString());
        var proposal = row.ToDomain();
        proposal.Withdraw(memberId, Now());
        await CloseAsync(row, proposal, AuditActor.Member(memberId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return proposal;
    }

    public async Task<Proposal?> FindProposalAsync(Guid proposalId, CancellationToken cancellationToken = default) =>
        (await db.Proposals.AsNoTracking().Include(p => p.Ballots).SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken))?.ToDomain();

    /// <summary>A page of proposals, newest first, and the cursor of the next page when there is one.</summary>
    public async Task<(IReadOnlyList<Proposal> Items, ProposalCursor? Next)> ListProposalsAsync(
        ProposalState? state, ProposalCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        var query = db.Proposals.AsNoTracking().Include(p => p.Ballots).AsQueryable();
        if (state is { } wanted)
        {
            var stored = wanted.ToWire();
            query = query.Where(p => p.State == stored);
        }

        if (after is { } cursor)
        {
            query = query.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.CreatedAt, p.Id), ValueTuple.Create(cursor.CreatedAt, cursor.Id)));
        }

        var rows = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new ProposalCursor(page[^1].CreatedAt, page[^1].Id) : (ProposalCursor?)null;
        return ([.. page.Select(r => r.ToDomain())], next);
    }

    public async Task<MemberKey> AddKeyAsync(string memberId, MemberPublicKey key, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MembershipLock.AcquireAsync(db, cancellationToken);
        var owner = await db.MemberKeys.Where(k => k.KeyId == key.KeyId).Select(k => k.MemberId).SingleOrDefaultAsync(cancellationToken);
        if (owner is not null && owner != memberId)
        {
            throw DomainException.Conflict($"Key '{key.KeyId}' is registered to another member.");
        }

        var row = await LoadMemberAsync(memberId, cancellationToken);
        var added = row.ToDomain().AddKey(key, Now());
        db.MemberKeys.Add(added.ToRow(memberId));
        await audit.AppendAsync(AuditRecord.MemberKeyAdded(memberId, added), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<MemberKey> RemoveKeyAsync(string memberId, string keyId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MembershipLock.AcquireAsync(db, cancellationToken);
        var row = await LoadMemberAsync(memberId, cancellationToken);
        var removed = row.ToDomain().RemoveKey(keyId, Now());
        row.Keys.Single(k => k.KeyId == keyId).RemovedAt = removed.RemovedAt;
        await audit.AppendAsync(AuditRecord.MemberKeyRemoved(memberId, keyId), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    private async Task EnactAsync(Proposal accepted, Roll roll, AuditActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var openRows = await db.Proposals.Include(p => p.Ballots)
            .Where(p => p.State == "open" && p.Id != accepted.Id)
            .ToListAsync(cancellationToken);
        var open = openRows.Select(r => (Row: r, Proposal: r.ToDomain())).ToList();
        var created = roll.Membership.Enact(accepted, open.Select(o => o.Proposal), now);

        var change = accepted.Change;
        switch (change.Kind)
        {
            case ProposalKind.AddMember:
                ArgumentNullException.ThrowIfNull(created);
                db.Members.Add(created.ToRow(now));
                await audit.AppendAsync(AuditRecord.MemberAdded(actor, accepted.Id, created), cancellationToken);
                break;
            case ProposalKind.RemoveMember:
            case ProposalKind.ChangeRoles:
                var member = roll.Membership.Find(change.MemberId!)!;
                var row = roll.Rows.Single(r => r.Id == member.Id);
                row.Roles = RowMapping.RolesOf(member);
                row.Status = RowMapping.StatusOf(member);
                row.RemovedAt = member.IsActive ? null : now;
                IReadOnlyList<Guid>? contractsEnded = null;
                // Losing the member role takes away the power to revoke, so it ends the member's contracts as removal does.
                if (!member.IsVoter)
                {
                    var why = member.IsActive
                        ? $"member '{member.Id}' no longer holds the member role"
                        : $"member '{member.Id}' was removed from the consortium";
                    contractsEnded = [.. (await departures.EndContractsOfAsync(member.Id, why, now, cancellationToken)).Select(c => c.Id)];
                }

                await audit.AppendAsync(AuditRecord.MemberStandingChanged(actor, accepted.Id, member, change.Kind == ProposalKind.RemoveMember, contractsEnded), cancellationToken);
                break;
            case ProposalKind.ChangeQuorum:
                roll.Settings.MembershipQuorum = roll.Membership.Quorum.ToWire();
                await audit.AppendAsync(AuditRecord.QuorumChanged(actor, accepted.Id, roll.Membership.Quorum), cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown proposal kind {change.Kind}.");
        }

        foreach (var (row, proposal) in open.Where(o => !o.Proposal.IsOpen))
        {
            await CloseAsync(row, proposal, actor, cancellationToken);
        }
    }

    private async Task CloseAsync(ProposalRow row, Proposal proposal, AuditActor actor, CancellationToken cancellationToken)
    {
        row.State = proposal.State.ToWire();
        row.ClosedAt = proposal.ClosedAt;
        await audit.AppendAsync(AuditRecord.ProposalClosed(actor, proposal), cancellationToken);
    }

    private async Task<Roll> LoadRollAsync(CancellationToken cancellationToken)
    {
        var settings = await db.ConsortiumSettings.SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.Conflict("The consortium has no genesis yet.");
        var rows = await db.Members.Include(m => m.Keys).Include(m => m.ExternalIdentities).AsSplitQuery().ToListAsync(cancellationToken);
        var quorum = ConsortiumRulesReader.ToSettings(settings).Rules.MembershipQuorum;
        return new Roll(rows, settings, new Membership([.. rows.Select(r => r.ToDomain())], quorum));
    }

    private async Task<MemberRow> LoadMemberAsync(string memberId, CancellationToken cancellationToken) =>
        await db.Members.Include(m => m.Keys).Include(m => m.ExternalIdentities).AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken)
        ?? throw DomainException.NotFound("member", memberId);

    /// <summary>PostgreSQL keeps microseconds; answering with the stored precision keeps responses equal to later reads.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private sealed record Roll(List<MemberRow> Rows, ConsortiumSettingsRow Settings, Membership Membership);
}
