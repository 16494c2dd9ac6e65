using System.CommandLine;

namespace Governance.Cli;

/// <summary>The `governance` command tree; each command group lives in its own file under Commands/.</summary>
public static class GovernanceCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("governance: collaborators, contracts, attestation, key release and audit for confidential clean rooms.");
        root.Subcommands.Add(Commands.AttestationCommands.Build());
        root.Subcommands.Add(Commands.KeysCommands.Build());
        root.Subcommands.Add(Commands.TokenCommand.Build());
        root.Subcommands.Add(Commands.AuditCommands.Build());
        root.Subcommands.Add(Commands.ContractsCommands.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        return await Build().Parse(args).InvokeAsync();
    }
}
