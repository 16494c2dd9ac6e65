
namespace Governance.Api.Audit;

/// <summary>
/// Records a refusal in a unit of work of its own. The refused request's transaction rolls back, and its entry must
/// land anyway; a scope of its own also keeps anything the refused request changed from being saved with the entry.
/// </summary>
internal sealed class RefusalAudit(IServiceScopeFactory scopes)
{
    public async Task RecordAsync(AuditRecord refusal, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(refusal, cancellationToken);
    }
}
