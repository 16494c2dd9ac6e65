namespace Governance.Api.Hosting.OpenApi;

/// <summary>The clean room type is a number from 0 to 3 on the wire; listing the four lets Swagger UI offer them as a dropdown.</summary>
internal sealed class CleanRoomTypeSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(CleanRoomProfile) || schema.Properties is null
            || !schema.Properties.TryGetValue("type", out var property) || property is not OpenApiSchema type)
        {
            return;
        }

        type.Enum = [.. Enumerable.Range(0, 4).Select(n => (JsonNode)JsonValue.Create(n))];
        type.Description = "0 application sandbox, 1 VMPL + process, 2 nested VM under VMPL, 3 sandbox VM + firewall VM.";
    }
}
