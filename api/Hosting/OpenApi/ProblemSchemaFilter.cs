using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Hosting.OpenApi;

/// <summary>The RFC 9457 members and the extension members this service adds, so a client knows where to look.</summary>
internal sealed class ProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(ProblemDetails) || schema is not OpenApiSchema problem)
        {
            return;
        }

        problem.Description = "RFC 9457 problem details. Besides the standard members, a refusal may carry `errors`, `omittedErrors`, `failures` or `currentDigest`.";
        problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
        problem.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when reporting a problem." };
        problem.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "400 and 422: each JSON path (`$.cleanRoom.type`, `parties[1]`) or parameter (`fromTime`) with what is wrong there.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        problem.Properties["omittedErrors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Description = "422 for contract content: how many faults `errors` leaves out, as it lists at most 100.",
        };
        problem.Properties["failures"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "403 from /release: every attestation or contract rule the evidence failed.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["rule"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        };
        problem.Properties["currentDigest"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "409 from an approval of a stale digest: the digest the contract has now.",
        };
    }
}
