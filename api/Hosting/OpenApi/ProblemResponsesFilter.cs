using Microsoft.AspNetCore.Mvc;

namespace Governance.Api.Hosting.OpenApi;

/// <summary>
/// Declares the refusals every operation can answer, as the problem schema under <c>application/problem+json</c>:
/// 400 when it takes input, 401 and 403 when it needs a signed-in caller, 404 when it names a resource, 503 when
/// PostgreSQL is out of reach; responses an endpoint declares itself (409, 412, 422, 428, 429) get the same schema.
/// </summary>
internal sealed class ProblemResponsesFilter : IOperationFilter
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The request is malformed: `errors` maps each JSON path or parameter to what is wrong there.",
        [401] = "No valid bearer token; `detail` says why the token was refused.",
        [403] = "The caller lacks the role this needs, or may not act on this resource.",
        [404] = "No such resource, or the caller may not see it.",
        [409] = "The resource is not in a state that allows this.",
        [412] = "If-Match names a version other than the current one.",
        [422] = "The content breaks a rule: `errors` maps each JSON path to its messages.",
        [428] = "This needs an If-Match header.",
        [429] = "Too many requests; retry after the time in Retry-After.",
        [503] = "PostgreSQL is not answering; retry after the time in Retry-After.",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var api = context.ApiDescription;
        var implied = new List<int>();
        if (OperationTraits.TakesInput(api))
        {
            implied.Add(400);
        }

        if (OperationTraits.RequiresSignIn(api))
        {
            implied.AddRange([401, 403]);
        }

        if (OperationTraits.NamesAResource(api))
        {
            implied.Add(404);
        }

        implied.Add(503);
        foreach (var status in implied)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse { Description = Descriptions[status] };
            }
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        foreach (var (key, response) in operation.Responses.ToList())
        {
            if (!int.TryParse(key, out var status) || status < 400 || response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Description = string.IsNullOrWhiteSpace(concrete.Description) || concrete.Description is "Client Error" or "Server Error"
                ? Descriptions.GetValueOrDefault(status, "Refused; see `detail`.")
                : concrete.Description;
            concrete.Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = problem },
            };
        }
    }
}
