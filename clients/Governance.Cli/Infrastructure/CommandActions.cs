namespace Governance.Cli.Infrastructure;

/// <summary>
/// Runs command bodies with the CLI's one error convention: the service's problem (title, detail, failed
/// rules) or the local mistake, on stderr (as JSON with --json), and an exit code from <see cref="ExitCodes"/>.
/// </summary>
public static class CommandActions
{
    /// <summary>Gives <paramref name="command"/> its body; returns the command, so a declaration can end in it.</summary>
    public static Command SetGovernanceAction(this Command command, CliHost host, Func<CliContext, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(host, parseResult, body, cancellationToken));
        return command;
    }

    /// <summary>
    /// <see cref="SetGovernanceAction"/> for a command that first of all signs in as the member: the body gets the
    /// member's client, disposed when it ends.
    /// </summary>
    public static Command SetMemberAction(this Command command, CliHost host, Func<CliContext, GovernanceClient, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return command.SetGovernanceAction(host, async (context, cancellationToken) =>
        {
            using var client = context.MemberClient();
            return await body(context, client, cancellationToken);
        });
    }

    public static async Task<int> RunAsync(CliHost host, ParseResult parseResult, Func<CliContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(body);
        var json = parseResult.GetValue(GlobalOptions.Json);
        try
        {
            var context = new CliContext(host, parseResult);
            return await body(context, cancellationToken);
        }
        catch (GovernanceUnreachableException exception)
        {
            return Report(host, json, ExitCodes.Unreachable, "Service unreachable", exception.Message, null);
        }
        catch (GovernanceUnavailableException exception)
        {
            return Report(host, json, ExitCodes.Unreachable, exception.Title, exception.Detail, exception.Problem);
        }
        catch (GovernanceApiException exception)
        {
            return Report(host, json, ExitCodes.Refused, $"{exception.Problem.Status} {exception.Title}", exception.Detail, exception.Problem);
        }
        catch (CliUsageException exception)
        {
            return Report(host, json, ExitCodes.Usage, "Invalid input", exception.Message, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException
                                              or JsonException or CryptographicException or ArgumentException)
        {
            return Report(host, json, ExitCodes.Usage, "Invalid input", exception.Message, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Report(host, json, ExitCodes.Refused, "Cancelled", null, null);
        }
    }

    private static int Report(CliHost host, bool json, int exitCode, string title, string? detail, ProblemDetails? problem)
    {
        if (json)
        {
            var body = new Dictionary<string, object?> { ["error"] = title, ["detail"] = detail, ["exitCode"] = exitCode };
            if (problem is not null)
            {
                body["status"] = problem.Status;
                foreach (var (name, value) in problem.Extensions)
                {
                    body[name] = value;
                }
            }

            host.Error.WriteLine(JsonSerializer.Serialize(body, Client.GovernanceJson.Indented));
            return exitCode;
        }

        var console = new CliOutput(host, json: false).ErrorConsole;
        console.MarkupLine($"[red]error:[/] {Markup.Escape(title)}");
        if (!string.IsNullOrWhiteSpace(detail))
        {
            console.MarkupLine($"  {Markup.Escape(detail)}");
        }

        if (problem is not null)
        {
            foreach (var (name, value) in problem.Extensions)
            {
                if (name is "traceId" or "requestId")
                {
                    continue;
                }

                WriteExtension(console, name, value);
            }
        }

        return exitCode;
    }

    private static void WriteExtension(IAnsiConsole console, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            console.MarkupLine($"  {Markup.Escape(name)}:");
            foreach (var item in value.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("rule", out var rule)
                    ? $"{rule.GetString()}: {(item.TryGetProperty("detail", out var d) ? d.ToString() : "")}"
                    : item.ToString();
                console.MarkupLine($"    - {Markup.Escape(text)}");
            }
        }
        else
        {
            console.MarkupLine($"  {Markup.Escape(name)}: {Markup.Escape(value.ToString())}");
        }
    }
}
