namespace Governance.Cli;

/// <summary>The `governance` command tree; each command group lives in its own file under Commands/.</summary>
public static class GovernanceCli
{
    public static RootCommand Build() => Build(CliHost.Process);

    public static RootCommand Build(CliHost host)
    {
        var root = new RootCommand("governance: collaborators, contracts, attestation, key release and audit for confidential clean rooms.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(Commands.AttestationCommands.Build());
        root.Subcommands.Add(Commands.KeysCommands.Build());
        root.Subcommands.Add(Commands.TokenCommand.Build(host));
        root.Subcommands.Add(Commands.AuditCommands.Build(host));
        root.Add(ConfigCommands.Create(host));
        root.Add(StatusCommands.Create(host));
        root.Add(MembersCommands.Create(host));
        root.Add(ContractLifecycleCommands.AddTo(Commands.ContractsCommands.Build(host), host));
        root.Add(SecretsCommands.Create(host));
        root.Add(ServiceKeysCommands.Create(host));
        root.Add(ServiceCommands.Create(host));
        root.Add(RecoveryCommands.Create(host));
        root.Add(VmCommands.Create(host));
        root.Add(EgressCommands.Create(host));
        root.Add(DemoCommands.Create(host));
        return root;
    }

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliHost.Process);

    /// <summary>Parses and runs; a command line that does not parse exits with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var parseResult = Build(host).Parse(args);
        var invocation = new InvocationConfiguration { Output = host.Out, Error = host.Error };
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await host.Error.WriteLineAsync($"error: {error.Message}");
            }

            var suggestions = TypoSuggestions.For(parseResult);
            if (suggestions.Count > 0)
            {
                var under = string.Join(' ', CommandPath(parseResult.CommandResult));
                await host.Error.WriteLineAsync($"Did you mean {string.Join(" or ", suggestions.Select(s => $"'{under} {s}'"))}?");
            }

            await host.Error.WriteLineAsync("Run with --help to see the commands and options.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (System.CommandLine.Parsing.SymbolResult? current = result; current is System.CommandLine.Parsing.CommandResult command; current = current.Parent)
        {
            names.Push(command.Parent is null ? "governance" : command.Command.Name);
        }

        return names;
    }
}
