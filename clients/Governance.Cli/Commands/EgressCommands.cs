namespace Governance.Cli.Commands;

/// <summary>
/// `governance egress check`: whether an output may leave an open-egress clean room under the contract's egress policy,
/// by the same check (Governance.Egress) a data-plane proxy runs. Exit 0 it may leave, 1 refused, 2 bad input.
/// </summary>
internal static class EgressCommands
{
    public static Command Create(CliHost host) => new("egress", "Check outputs against a contract's open-mode egress policy.")
    {
        Check(host),
    };

    private static Command Check(CliHost host)
    {
        var policy = new Option<string?>("--policy") { Description = "A contract content file (its cleanRoom.egressPolicy) or an egress policy file ({\"allowedFormats\": …}).", HelpName = "FILE" };
        var contract = new Option<Guid?>("--contract") { Description = "Instead of --policy: the accepted contract whose egress policy the service holds (needs --member and --key of a party or an auditor).", HelpName = "ID" };
        var file = new Option<string>("--file") { Description = "The output to check.", Required = true, HelpName = "OUTPUT" };
        return new Command("check", "Check an output file against an egress policy: exit 0 it may leave, 1 refused (each violation listed).")
        {
            policy, contract, file,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var p = context.ParseResult;
            var egressPolicy = (p.GetValue(policy), p.GetValue(contract)) switch
            {
                ({ } path, null) => await ReadPolicyFileAsync(path, ct),
                (null, { } id) => await FetchPolicyAsync(context, id, ct),
                _ => throw new CliUsageException("Give either --policy FILE or --contract ID."),
            };
            if (egressPolicy is null)
            {
                return ExitCodes.Refused;
            }

            var output = p.GetRequiredValue(file);
            if (!File.Exists(output))
            {
                throw new CliUsageException($"The output file {output} does not exist.");
            }

            var verdict = EgressCheck.CheckFile(egressPolicy, output);
            Print(context.Output, output, verdict);
            return verdict.Passed ? ExitCodes.Ok : ExitCodes.Refused;
        });
    }

    /// <summary>A contract content file is told from a policy file by its <c>cleanRoom</c>; either is read as the service reads content.</summary>
    private static async Task<EgressPolicy> ReadPolicyFileAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The policy file {path} does not exist.");
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, ct), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException($"{path} is neither a contract content nor an egress policy: it is not a JSON object.");
        }

        if (document.RootElement.TryGetProperty("cleanRoom", out _))
        {
            var content = document.Deserialize<ContractContent>(ContractContentFile.Options)!;
            return PolicyOf(content, path);
        }

        var policy = document.Deserialize<EgressPolicy>(ContractContentFile.Options)!;
        return policy.AllowedFormats.Count == 0
            ? throw new CliUsageException($"{path} allows no output format (allowedFormats is empty or missing).")
            : policy;
    }

    private static async Task<EgressPolicy?> FetchPolicyAsync(CliContext context, Guid id, CancellationToken ct)
    {
        using var client = context.MemberClient();
        var view = (await client.Contracts.GetAsync(id, ct)).Value;
        if (view.State != ContractStateName.Accepted)
        {
            context.Output.ErrorConsole.MarkupLine($"[red]error:[/] contract {id} is {view.State.ToString().ToLowerInvariant()}, not accepted: no output may leave under it.");
            return null;
        }

        return ContractDigestCheck.Recompute(view, context.Output, "its egress policy is not used") is null ? null : PolicyOf(view.Content, $"contract {id}");
    }

    private static EgressPolicy PolicyOf(ContractContent content, string source) =>
        content.CleanRoom.Egress == EgressMode.Open && content.CleanRoom.EgressPolicy is { AllowedFormats.Count: > 0 } policy
            ? policy
            : throw new CliUsageException($"{source} has {content.CleanRoom.Egress.ToString().ToLowerInvariant()} egress and no egress policy: outputs leave only as its egress mode says, never through this check.");

    private static void Print(CliOutput output, string path, EgressVerdict verdict)
    {
        output.Write(verdict, console =>
        {
            var name = Markup.Escape(Path.GetFileName(path));
            if (verdict.Passed)
            {
                console.MarkupLine($"[green]✓[/] {name} may leave: a well-formed {Markup.Escape(verdict.Format ?? "")} output of {verdict.Bytes} bytes that the egress policy allows");
                return;
            }

            console.MarkupLine($"[red]✗[/] {name} may not leave: {verdict.Violations.Count}{(verdict.MoreViolations ? "+" : "")} violation(s) of the egress policy");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("rule", "where", "detail");
            foreach (var violation in verdict.Violations)
            {
                table.AddRow(new Text(violation.Rule), new Text(violation.Where), new Text(violation.Detail));
            }

            console.Write(table);
            if (verdict.MoreViolations)
            {
                console.MarkupLine("[grey]…and more, not listed[/]");
            }
        });
    }
}
