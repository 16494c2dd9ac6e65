
namespace Governance.Api.Audit;

/// <summary>The request's trace identifier (also returned as <c>traceId</c> in problem details), for correlating entries with logs.</summary>
internal sealed class HttpRequestIdAccessor(IHttpContextAccessor accessor) : IRequestIdAccessor
{
    public string? RequestId => accessor.HttpContext?.TraceIdentifier;
}
