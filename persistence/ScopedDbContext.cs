
namespace Governance.Persistence;

/// <summary>
/// For stores that singletons use (the attestation verifier's caches): a DbContext is scoped, so each call takes a
/// scope of its own and lets it go when the work is done.
/// </summary>
internal static class ScopedDbContext
{
    public static async Task<T> WithDbContextAsync<T>(this IServiceScopeFactory scopes, Func<GovernanceDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GovernanceDbContext>());
    }
}
