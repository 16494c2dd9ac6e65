namespace Governance.Cli.Service;

/// <summary>Prints why a service is not trusted, one rule a line.</summary>
internal static class ServiceFailures
{
    public static void Print(IAnsiConsole console, ServiceCheckResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        foreach (var failure in result.Failures)
        {
            console.MarkupLine($"[red]{Markup.Escape(failure.Rule)}[/]: {Markup.Escape(failure.Detail)}");
        }
    }
}
