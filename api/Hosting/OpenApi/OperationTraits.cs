namespace Governance.Api.Hosting.OpenApi;

/// <summary>What an endpoint's metadata says about who may call it and what it takes.</summary>
internal static class OperationTraits
{
    public static bool RequiresSignIn(ApiDescription api)
    {
        var metadata = api.ActionDescriptor.EndpointMetadata;
        return metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
    }

    public static bool TakesInput(ApiDescription api) =>
        api.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Query" or "Path" or "Header" or "Form");

    public static bool NamesAResource(ApiDescription api) => api.RelativePath?.Contains('{', StringComparison.Ordinal) == true;
}
