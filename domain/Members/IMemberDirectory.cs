namespace Governance.Domain.Members;

/// <summary>Read-only queries on members; sign-in reads keys through it on every request.</summary>
public interface IMemberDirectory
{
    Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken = default);

    Task<Member?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The member an external (issuer, subject) pair signs in as, if any.</summary>
    Task<Member?> FindByExternalIdentityAsync(string issuer, string subject, CancellationToken cancellationToken = default);
}
