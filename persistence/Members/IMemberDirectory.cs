using Governance.Domain.Members;
using Microsoft.EntityFrameworkCore;

namespace Governance.Persistence.Members;

/// <summary>Read-only queries on members; sign-in reads keys through it on every request.</summary>
public interface IMemberDirectory
{
    Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken = default);

    Task<Member?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The member an external (issuer, subject) pair signs in as, if any.</summary>
    Task<Member?> FindByExternalIdentityAsync(string issuer, string subject, CancellationToken cancellationToken = default);
}

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
