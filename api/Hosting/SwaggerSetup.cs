using Microsoft.OpenApi;

namespace Governance.Api.Hosting;

public static class SwaggerSetup
{
    public const string DocumentUrl = "/openapi/v1.json";

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
            options.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A member-signed token: `governance token` prints one.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("Bearer", document)] = [],
            });
            var xml = Path.Combine(AppContext.BaseDirectory, "Governance.Api.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
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
        return app;
    }
}
