using System.Runtime.CompilerServices;

namespace Governance.Api.Hosting;

/// <summary>
/// Registers the use cases by one rule rather than a line each in every area's setup, so a new handler cannot be
/// left out of one of the service's modes: every class in a <c>Governance.Api.Application</c> namespace that
/// serves no interface is a scoped service of its own type. A class that does serve an interface (a start-up task,
/// the acceptance seals) is registered as that interface where its area is configured; records are values.
/// </summary>
internal static class UseCasesSetup
{
    private const string ApplicationNamespace = "Governance.Api.Application.";

    public static WebApplicationBuilder AddGovernanceUseCases(this WebApplicationBuilder builder)
    {
        foreach (var useCase in typeof(UseCasesSetup).Assembly.GetTypes().Where(IsUseCase))
        {
            builder.Services.AddScoped(useCase);
        }

        return builder;
    }

    private static bool IsUseCase(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsNested: false, IsGenericTypeDefinition: false }
        && type.Namespace?.StartsWith(ApplicationNamespace, StringComparison.Ordinal) == true
        && type.GetInterfaces().Length == 0
        && !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        && type.GetMethod("<Clone>$") is null;
}
