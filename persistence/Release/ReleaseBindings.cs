
namespace Governance.Persistence.Release;

/// <summary>The wrapping keys granted releases bound to contracts, for the clean room's channel.</summary>
public sealed class ReleaseBindings(GovernanceDbContext db)
{
    /// <summary>The binding of <paramref name="thumbprint"/> to the contract; null when no granted release bound it.</summary>
    public async Task<KeyBinding?> FindAsync(Guid contractId, string thumbprint, CancellationToken cancellationToken) =>
        await db.ReleaseBindings.AsNoTracking()
            .Where(b => b.ContractId == contractId && b.Thumbprint == thumbprint)
            .Select(b => new KeyBinding(b.Thumbprint, b.PublicJwk, b.ClaimsDigest))
            .FirstOrDefaultAsync(cancellationToken);
}
