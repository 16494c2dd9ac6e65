namespace Governance.Api.Hosting.OpenApi;

/// <summary>
/// Documents If-Match where the contract endpoints honour it: required to edit a draft, optional to propose one. The
/// optional one has no example, because Swagger UI fills a parameter with its example and sends it: a proposal made
/// from the page would carry a tag that is not the draft's and answer 412.
/// </summary>
internal sealed class IfMatchHeaderFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var required = operation.OperationId switch
        {
            "EditContract" => true,
            "ProposeContract" => false,
            _ => (bool?)null,
        };
        if (required is null)
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = required.Value,
            Description = "The contract's ETag as last read (GET /contracts/{id} answers it in the ETag header), quotes included, e.g. \"r3.0\". "
                + (required.Value ? "Without it the edit answers 428; with a stale one, 412." : "When sent and stale, the request answers 412."),
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = required.Value ? "\"r1.0\"" : null,
        });
    }
}
