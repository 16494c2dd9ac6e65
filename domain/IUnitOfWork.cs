namespace Governance.Domain;

/// <summary>
/// One use case's transaction. A handler begins it, loads and changes through the repositories, appends the audit
/// entries of the change, and commits: the change and its entries land together or not at all.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>Starts the transaction; disposing it without <see cref="IUnitOfWorkTransaction.CommitAsync"/> rolls back.</summary>
    Task<IUnitOfWorkTransaction> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>An open unit of work.</summary>
public interface IUnitOfWorkTransaction : IAsyncDisposable
{
    /// <summary>Saves every tracked change and commits.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
