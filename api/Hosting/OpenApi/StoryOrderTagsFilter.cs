namespace Governance.Api.Hosting.OpenApi;

/// <summary>Lists the document's tags in <see cref="StoryOrder"/>; Swagger UI shows the groups in that order.</summary>
internal sealed class StoryOrderTagsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var used = swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        swaggerDoc.Tags = new HashSet<OpenApiTag>(
            StoryOrder.Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
    }
}
