namespace Governance.Cli.Service;

/// <summary>Says why a service is not trusted, one rule a line, and refuses to go on with it.</summary>
internal static class ServiceFailures
{
    /// <summary>
    /// Says that the service is not trusted, with the failed rules, and gives the exit code for it. <paramref name="withheld"/>
    /// ends the sentence with what the command kept back, e.g. "nothing was sent".
    /// </summary>
    public static int Refuse(CliOutput output, ServiceCheckResult result, string withheld)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        output.Write(new { trusted = false, failures = result.Failures }, console =>
        {
            console.MarkupLine($"[red]✗ the service is not trusted; {withheld}[/]");
            Print(console, result);
        });
        return ExitCodes.Refused;
    }

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
