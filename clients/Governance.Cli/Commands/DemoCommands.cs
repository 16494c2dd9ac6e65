namespace Governance.Cli.Commands;

/// <summary>`governance demo [--confidential]`: the end-to-end story against a Development service, in standard or confidential mode.</summary>
internal static class DemoCommands
{
    public static Command Create(CliHost host)
    {
        var keys = new Option<string>("--dev-keys")
        {
            Description = "Folder with the demo members' key files (alice.pem, bob.pem, carol.pem) that the Development service wrote.",
            DefaultValueFactory = _ => Path.Combine("api", ".local", "dev", "keys"),
            HelpName = "DIR",
        };
        var work = new Option<string?>("--work") { Description = "Folder for the simulated VM's files (default: a new temporary folder).", HelpName = "DIR" };
        var confidential = new Option<bool>("--confidential")
        {
            Description = "Tell the story of a service in confidential mode: check its attestation first, vote a 2-of-3 recovery policy, "
                + "seal secrets to the attested transit key, and show the key was never configured (needs --service-measurement).",
        };
        var trust = new ServiceTrustOptions("--service-measurement", "With --confidential: an approved measurement of the service (96 hex digits); repeat for several.");
        var demo = new Command("demo", "Run the whole story against a Development service (default http://127.0.0.1:5080); exit 0 only if every step behaved.")
        {
            keys, work, confidential,
        };
        trust.AddTo(demo);
        demo.SetGovernanceAction(host, async (context, cancellationToken) =>
        {
            var service = context.Settings.Service ?? new Uri("http://127.0.0.1:5080");
            var serviceTrust = (context.ParseResult.GetValue(confidential), trust.Given(context.ParseResult)) switch
            {
                (true, true) => trust.Read(context.ParseResult),
                (true, false) => throw new CliUsageException("--confidential needs the service's approved build: --service-measurement HEX or --measurement-file FILE."),
                (false, true) => throw new CliUsageException("--service-measurement is for --confidential."),
                _ => null,
            };
            var workDirectory = context.ParseResult.GetValue(work) ?? Directory.CreateTempSubdirectory("governance-demo-").FullName;
            var scenario = new DemoScenario(service, context.ParseResult.GetRequiredValue(keys), workDirectory, host.HttpHandlerFactory?.Invoke(), serviceTrust);
            var console = context.Output.Json ? context.Output.ErrorConsole : context.Output.Console;
            var passed = await scenario.RunAsync(step => console.MarkupLine(
                $"{(step.Passed ? "[green]✓[/]" : "[red]✗[/]")} {step.Number,2}. {Markup.Escape(step.Name)}\n      [grey]{Markup.Escape(step.Outcome)}[/]"),
                cancellationToken);
            if (context.Output.Json)
            {
                context.Output.WriteJson(new { passed, steps = scenario.Steps });
            }
            else
            {
                console.MarkupLine(passed ? "[green]Every step behaved.[/]" : "[red]The demo stopped at the step marked ✗.[/]");
            }

            return passed ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return demo;
    }
}
