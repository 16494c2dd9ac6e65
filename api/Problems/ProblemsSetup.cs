namespace Governance.Api.Problems;

public static class ProblemsSetup
{
    /// <summary>Every error leaves as RFC 9457 problem details; strict JSON so typos are reported, not ignored.</summary>
    public static WebApplicationBuilder AddGovernanceProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options =>
        {
            options.CustomizeProblemDetails = context =>
            {
                context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
                context.ProblemDetails.Type ??= ProblemTypes.For(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
                context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            };
        });
        builder.Services.AddSingleton<IProblemDetailsWriter, JsonProblemWriter>();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.AddRequestHeaderLimit();
        builder.AddParserRefusalProblems();
        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new StorableStrings.Converter());
        options.Converters.Add(new StorableStrings.ElementConverter());
    }

    public static WebApplication UseGovernanceProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseRequestHeaderLimit();
        app.UseRequestBodyLimit();
        app.UseStorableStrings();
        app.UseUtf8JsonBodies();
        app.UseStatusCodePages();
        return app;
    }
}
