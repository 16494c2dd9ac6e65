namespace Governance.Persistence;

/// <summary>The unit of work over the request's <see cref="GovernanceDbContext"/>: one PostgreSQL transaction.</summary>
internal sealed class UnitOfWork(GovernanceDbContext db) : IUnitOfWork
{
    public async Task<IUnitOfWorkTransaction> BeginAsync(CancellationToken cancellationToken) =>
        new Transaction(db, await db.Database.BeginTransactionAsync(cancellationToken));

    private sealed class Transaction(GovernanceDbContext db, IDbContextTransaction transaction) : IUnitOfWorkTransaction
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }
}
