namespace Governance.Api.Hosting.OpenApi;

/// <summary>The bearer requirement (Swagger UI's lock) only on operations that need a signed-in caller; anonymous ones stay open.</summary>
internal sealed class SecurityRequirementFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!OperationTraits.RequiresSignIn(context.ApiDescription))
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(SwaggerSetup.BearerScheme, context.Document)] = [],
        });
    }
}
