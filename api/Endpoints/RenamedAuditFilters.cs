
namespace Governance.Api.Endpoints;

/// <summary>
/// <c>from</c> and <c>to</c> once meant timestamps on the entry list and sequence numbers on the export. Now each bound
/// says which it is; a request still using the old names is refused, naming the new ones, instead of having its
/// filter silently ignored.
/// </summary>
internal sealed class RenamedAuditFilters : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var query = context.HttpContext.Request.Query;
        foreach (var old in new[] { "from", "to" })
        {
            if (query.ContainsKey(old))
            {
                throw DomainException.BadParameter(old,
                    $"{old} is now {old}Sequence (a sequence number) or {old}Time (a timestamp, on /audit/entries).");
            }
        }

        return next(context);
    }
}
