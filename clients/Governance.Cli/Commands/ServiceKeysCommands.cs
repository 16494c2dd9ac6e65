using System.CommandLine;
using System.Globalization;
using Governance.Cli.Infrastructure;
using Spectre.Console;

namespace Governance.Cli.Commands;

/// <summary>`governance service-keys list|rotate`: the keys the service signs tree heads and release receipts with.</summary>
internal static class ServiceKeysCommands
{
    public static Command Create(CliHost host)
    {
        var keys = new Command("service-keys", "The service's signing keys (tree heads, release receipts): list them, rotate them.");
        keys.Add(List(host));
        keys.Add(Rotate(host));
        return keys;
    }

    private static Command List(CliHost host)
    {
        var command = new Command("list", "List every key the service has signed with, current first (no sign-in needed).");
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.AnonymousClient();
            var set = await client.ServiceKeys.ListAsync(ct);
            context.Output.WriteTable(set.Keys,
                ("kid", k => k.Kid),
                ("created", k => k.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
                ("current", k => ReferenceEquals(k, set.Keys[0]) ? "yes" : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Rotate(CliHost host)
    {
        var command = new Command("rotate", "Operators: make a fresh key current; earlier signatures keep verifying against the old key, which stays published.");
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.MemberClient();
            var rotation = await client.ServiceKeys.RotateAsync(ct);
            context.Output.Write(rotation, c =>
            {
                c.MarkupLine($"[green]✓[/] current key {Markup.Escape(rotation.Current.Kid)}");
                if (rotation.PreviousKeyId is { } previous)
                {
                    c.MarkupLine($"  replaces {Markup.Escape(previous)} (still published for verification)");
                }
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
