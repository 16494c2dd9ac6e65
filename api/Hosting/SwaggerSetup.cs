namespace Governance.Api.Hosting;

public static class SwaggerSetup
{
    public const string DocumentUrl = "/openapi/v1.json";

    public const string BearerScheme = "Bearer";

    private static readonly string[] DocumentedAssemblies = ["Governance.Api.xml", "Governance.Protocol.xml"];

    public static WebApplicationBuilder AddGovernanceSwagger(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Governance",
                Version = "v1",
                Description = "Control plane for confidential data clean rooms: contracts, attestation, key release and audit.",
            });
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A member-signed JWT (ES256/ES384, iss = sub = your member id, aud = governance, at most 10 minutes): " +
                    "`governance token --member alice --key alice.pem` prints one; paste it without the 'Bearer ' prefix. " +
                    "A token of the configured OpenID Connect issuer also works when its (issuer, subject) maps to a member.",
            });
            // Endpoint docs come from the api's XML file; schema descriptions and <example>s from the wire types' (Governance.Protocol).
            foreach (var xml in DocumentedAssemblies.Select(f => Path.Combine(AppContext.BaseDirectory, f)).Where(File.Exists))
            {
                options.IncludeXmlComments(() => ReadableXmlComments.Load(xml), includeControllerXmlComments: true);
            }

            // After the XML comments, which add the responses an endpoint documents itself.
            options.OperationFilter<SecurityRequirementFilter>();
            options.OperationFilter<RequestExampleFilter>();
            options.OperationFilter<IfMatchHeaderFilter>();
            options.OperationFilter<QueryValuesFilter>();
            options.OperationFilter<ProblemResponsesFilter>();
            options.SchemaFilter<ProblemSchemaFilter>();
            options.SchemaFilter<CleanRoomTypeSchemaFilter>();
            options.DocumentFilter<StoryOrderTagsFilter>();
            options.OrderActionsBy(StoryOrder.KeyOf);
            options.SupportNonNullableReferenceTypes();
        });
        return builder;
    }

    public static WebApplication UseGovernanceSwagger(this WebApplication app)
    {
        app.UseSwagger(options => options.RouteTemplate = "openapi/{documentName}.json");
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "swagger";
            options.SwaggerEndpoint(DocumentUrl, "Governance v1");
            options.EnablePersistAuthorization();
        });
        // The service's address opened in a browser lands on the API explorer rather than on a 404.
        app.MapGet("/", () => TypedResults.Redirect("/swagger")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
