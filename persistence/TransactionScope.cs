
namespace Governance.Persistence;

/// <summary>Runs work in the caller's transaction when there is one, otherwise in one of its own that commits at the end.</summary>
internal static class TransactionScope
{
    public static async Task<T> InTransactionAsync<T>(this GovernanceDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
