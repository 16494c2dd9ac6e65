namespace Governance.Persistence.Members;

internal sealed class MemberDirectory(GovernanceDbContext db) : IMemberDirectory
{
    public async Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await Query().OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToDomain())];
    }

    public async Task<Member?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await Query().SingleOrDefaultAsync(m => m.Id == id, cancellationToken))?.ToDomain();

    public async Task<Member?> FindByExternalIdentityAsync(string issuer, string subject, CancellationToken cancellationToken = default)
    {
        var memberId = await db.ExternalIdentities.AsNoTracking()
            .Where(i => i.Issuer == issuer && i.Subject == subject)
            .Select(i => i.MemberId)
            .SingleOrDefaultAsync(cancellationToken);
        return memberId is null ? null : await FindAsync(memberId, cancellationToken);
    }

    private IQueryable<MemberRow> Query() =>
        db.Members.AsNoTracking().Include(m => m.Keys).Include(m => m.ExternalIdentities).AsSplitQuery();
}
