namespace Governance.Api.Hosting.OpenApi;

/// <summary>Query parameters that take one of a few words are documented with those words, so Swagger UI offers a dropdown.</summary>
internal sealed class QueryValuesFilter : IOperationFilter
{
    private static readonly Dictionary<(string Operation, string Parameter), string[]> Values = new()
    {
        [("ListContracts", "state")] = ["draft", "proposed", "accepted", "rejected", "withdrawn", "revoked", "superseded", "expired"],
        [("ListProposals", "state")] = ["open", "accepted", "rejected", "withdrawn", "dropped"],
        [("ListAuditEntries", "outcome")] = ["succeeded", "denied", "failed"],
        [("ExportAuditEntries", "format")] = ["jsonl", "csv"],
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (operation.OperationId is { } id && parameter.Name is { } name && Values.TryGetValue((id, name), out var words))
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. words.Select(w => (JsonNode)JsonValue.Create(w))] };
            }
        }
    }
}
