namespace Governance.Api.Hosting.OpenApi;

/// <summary>Puts the whole-body example of <see cref="RequestExamples"/> on each JSON request body, in place of one assembled from per-property samples.</summary>
internal sealed class RequestExampleFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (RequestExamples.For(operation.OperationId) is { } example
            && operation.RequestBody?.Content is { } content
            && content.TryGetValue("application/json", out var json) && json is OpenApiMediaType media)
        {
            media.Example = example;
        }
    }
}
