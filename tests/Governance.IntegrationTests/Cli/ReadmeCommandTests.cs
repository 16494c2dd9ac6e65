using System.Net.Http.Json;
using System.Text.Json;
using Governance.Api.Auth;
using Governance.Domain.Contracts;
using Governance.IntegrationTests.Infrastructure;
using Governance.IntegrationTests.Operations;
using Governance.IntegrationTests.Service.Custody;
using Governance.Protocol.Contracts;

namespace Governance.IntegrationTests.Cli;

/// <summary>
/// The service the README's command lines run against: Alice (a party who also audits and operates, and whom the
/// config file names), Bob (the other party) and an operator "ops", each with a key file; a proposed contract between
/// Alice and Bob; and the files the lines name, in a folder of their own.
/// </summary>
public sealed class ReadmeCommandFixture : GovernanceApiFactory
{
    public ReadmeCommandFixture()
    {
        Work = Directory.CreateTempSubdirectory("governance-readme-").FullName;
        AddGenesisMember("alice", Roles.Member, Roles.Auditor, Roles.Operator);
        AddGenesisMember("bob", Roles.Member);
        AddGenesisMember("ops", Roles.Operator);
    }

    public string Work { get; }

    public string ContractId { get; private set; } = "";

    /// <summary>An accepted contract between Alice and Bob, for the lines that act on one in force (consent).</summary>
    public string AcceptedContractId { get; private set; } = "";

    public string Digest { get; private set; } = "";

    /// <summary>The second version of an accepted contract between Alice and Bob, for the lines that compare versions.</summary>
    public string AmendmentId { get; private set; } = "";

    public ContractContent Content { get; } = new()
    {
        Title = "Readme study",
        Parties = ["alice", "bob"],
        CleanRoom = new CleanRoomProfile { Type = 1, Vmpl = 0 },
        AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)] },
    };

    /// <summary>An accepted contract between Alice and Bob with open egress of ONNX models of one Relu, for README's egress lines.</summary>
    public string OpenEgressContractId { get; private set; } = "";

    public string KeyPath(string member) => Path.Combine(Work, "member-keys", member + ".pem");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(Path.Combine(Work, "member-keys"));
        foreach (var member in GenesisMembers)
        {
            File.WriteAllText(KeyPath(member.Id), member.PrivateKey.ExportPkcs8PrivateKeyPem());
        }

        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await StoredContracts.AddAsync(Services, Contract.Create(id, "alice", Content, now));
        await StoredContracts.ChangeAsync(Services, id, c => c.Propose("alice", now));
        ContractId = id.ToString("D");
        Digest = Convert.ToHexStringLower(ContractDigest.Compute(Content));
        await File.WriteAllTextAsync(Path.Combine(Work, "content.json"), JsonSerializer.Serialize(Content, ContractJson.Options));

        TestMember[] parties = [.. GenesisMembers.Where(m => m.Id is "alice" or "bob").OrderBy(m => m.Id, StringComparer.Ordinal)];
        var accepted = await ContractChains.AcceptedAsync(this, Content with { Title = "Readme study, amended" }, parties);
        var amended = Content with { Title = "Readme study, amended", CleanRoom = Content.CleanRoom with { Vmpl = 1 } };
        AmendmentId = (await ContractChains.AmendAsync(this, accepted, amended, parties[0])).ToString("D");

        var egressPolicy = new EgressPolicy { AllowedFormats = [new AllowedOutputFormat { Format = "onnx", AllowedOperators = ["Relu"], MaxBytes = 1 << 20 }] };
        await File.WriteAllTextAsync(Path.Combine(Work, "egress-policy.json"), JsonSerializer.Serialize(egressPolicy, ContractJson.Options));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "data", "onnx", "single_relu_model.onnx"), Path.Combine(Work, "model.onnx"));
        OpenEgressContractId = (await ContractChains.AcceptedAsync(this, Content with
        {
            Title = "Readme model training",
            CleanRoom = Content.CleanRoom with { Egress = EgressMode.Open, EgressPolicy = egressPolicy },
        }, parties)).ToString("D");

        AcceptedContractId = (await ContractChains.AcceptedAsync(this, Content with { Title = "Readme study, in force" }, parties)).ToString("D");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }
}

/// <summary>
/// Every command line README gives for the <c>governance</c> CLI runs through the CLI's own parser and entry point
/// against the real service, in README's order, with its placeholders filled: no line may end in an unhandled error
/// or exit other than 0 (a command named inline in prose without the options a run needs must answer
/// <c>--help</c>). A line naming a placeholder this test cannot fill fails it, so new documentation brings
/// its test with it.
/// </summary>
public sealed class ReadmeCommandTests(ReadmeCommandFixture fixture, Service.ConfidentialServiceFixture confidential)
    : IClassFixture<ReadmeCommandFixture>, IClassFixture<Service.ConfidentialServiceFixture>
{
    /// <summary>Optional groups run with the line, by command and option; all others are left out.</summary>
    private static readonly HashSet<(string Path, string Option)> OptionalsRun =
    [
        ("attestation verify", "--certs"),
        ("attestation verify", "--at"),
        ("attestation verify", "--json"),
        ("audit verify", "--service-keys"),
        ("audit verify", "--extra-root"),
        ("audit consistency", "--service-keys"),
        ("token", "--lifetime"),
        ("audit show", "--prove"),
        ("audit show", "--service-keys"),
        ("audit search", "--action"),
        ("audit search", "--from-time"),
        ("audit search", "--format"),
        ("audit search", "--limit"),
        ("egress check", "--json"),
        ("contracts diff", "--from"),
        ("contracts diff", "--json"),
        ("service verify", "--extra-root"),
        ("service status", "--json"),
        ("recovery submit", "--extra-root"),
        ("members propose-service-measurements", "--measurement"),
    ];

    /// <summary>The build and the (simulated) root a confidential line's service is checked against.</summary>
    private sealed record AttestedService(string Measurement, string RootFile);

    [Fact]
    public async Task Every_governance_command_line_in_the_readme_runs_through_the_cli()
    {
        var commands = ReadmeCommandLines.Read(DeploymentFiles.Readme).Where(c => c.Path != "demo").ToList();
        Assert.True(commands.Count >= 12, $"README documents only {commands.Count} command lines");
        using var cli = new CliRunner(fixture.Server.CreateHandler);
        // Lines about confidential mode run against a service in that mode, on a simulated platform.
        using var confidentialCli = new CliRunner(confidential.Server.CreateHandler);
        var service = fixture.Server.BaseAddress.ToString();
        Directory.CreateDirectory(Path.GetDirectoryName(cli.ConfigPath)!);
        await File.WriteAllTextAsync(cli.ConfigPath, JsonSerializer.Serialize(new { service, member = "alice", key = fixture.KeyPath("alice") }));
        Directory.CreateDirectory(Path.GetDirectoryName(confidentialCli.ConfigPath)!);
        var confidentialKey = Work("confidential-alice.pem");
        await File.WriteAllTextAsync(confidentialKey, confidential.GenesisMembers.Single(m => m.Id == "alice").PrivateKey.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(confidentialCli.ConfigPath, JsonSerializer.Serialize(new { service = confidential.Server.BaseAddress.ToString(), member = "alice", key = confidentialKey }));
        var attested = new AttestedService(confidential.MeasurementHex, confidential.RootFile);

        var failures = new List<string>();
        foreach (var command in commands)
        {
            if (command.Path == "recovery submit")
            {
                // A share goes only to an instance that lost its key: this line runs against one of its own.
                failures.AddRange(await RunRecoverySubmitAsync(command));
                continue;
            }

            string[] args;
            try
            {
                args = await ArgumentsAsync(command, IsConfidential(command) ? confidential.Server.BaseAddress.ToString() : service, attested);
            }
            catch (KeyNotFoundException unknown)
            {
                failures.Add($"README line {command.Line} `{command.Text}`: {unknown.Message}");
                continue;
            }

            // A question (the y/N before an approval) is answered yes, as the reader who follows README would.
            cli.Input = "y\n";
            var result = await (IsConfidential(command) ? confidentialCli : cli).RunAsync(args);
            if (command.Inline && result.ExitCode == 2 && result.Error.Contains("required", StringComparison.OrdinalIgnoreCase))
            {
                // Prose that names a command ("`governance vm release` does …") without the options it needs: the
                // command must exist and explain itself.
                args = [.. command.Path.Split(' '), "--help"];
                result = await cli.RunAsync(args);
            }

            if (result.ExitCode != 0 || result.Error.Contains("Unhandled", StringComparison.OrdinalIgnoreCase) || result.Error.Contains("   at ", StringComparison.Ordinal))
            {
                failures.Add($"README line {command.Line} `{command.Text}` as `{string.Join(' ', args)}`: {result}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static bool IsConfidential(ReadmeCommand command) =>
        command.Path is "service verify" or "service status" or "recovery key-set" or "members propose-recovery-policy" or "members propose-service-measurements"
        || (command.Path == "audit verify" && command.Words.Contains("--service-measurement"));

    /// <summary>
    /// README's <c>recovery submit</c> line, against an instance awaiting its key: Alice's recovery key is the one README's
    /// <c>recovery key-create</c> line wrote, she holds the one share, every instance that had the key is gone, and a new
    /// one of the same build starts on another chip. The line must bring the key back.
    /// </summary>
    private async Task<IEnumerable<string>> RunRecoverySubmitAsync(ReadmeCommand command)
    {
        await using var cluster = await CustodyCluster.CreateAsync();
        var original = cluster.Chip();
        var replacement = cluster.Chip(original.Measurement);
        var running = cluster.Start(original);
        await CustodyCluster.WaitForAsync(running, "open");
        var written = System.Security.Cryptography.ECDiffieHellman.Create();
        written.ImportFromPem(await File.ReadAllTextAsync(Work("recovery.pem")));
        cluster.RecoveryKeys["alice"].Dispose();
        cluster.RecoveryKeys["alice"] = written;
        await cluster.RegisterRecoveryKeysAsync(running);
        await cluster.EnactAsync(running, new { kind = "setRecoveryPolicy", threshold = 1, holders = new[] { "alice" } });
        await cluster.StopAsync(running);
        var recovering = cluster.Start(replacement);
        await CustodyCluster.WaitForAsync(recovering, "awaiting-key");

        using var cli = new CliRunner(recovering.Server.CreateHandler);
        var key = Path.Combine(cli.Directory, "alice.pem");
        await File.WriteAllTextAsync(key, cluster.Member("alice").PrivateKey.ExportPkcs8PrivateKeyPem());
        Directory.CreateDirectory(Path.GetDirectoryName(cli.ConfigPath)!);
        await File.WriteAllTextAsync(cli.ConfigPath, JsonSerializer.Serialize(new { service = recovering.Server.BaseAddress.ToString(), member = "alice", key }));
        var args = await ArgumentsAsync(command, recovering.Server.BaseAddress.ToString(), new AttestedService(replacement.MeasurementHex, replacement.RootFile));
        var result = await cli.RunAsync(args);
        var state = (await CustodyCluster.StatusAsync(recovering)).State;
        return result.ExitCode == 0 && state == "open"
            ? []
            : [$"README line {command.Line} `{command.Text}` as `{string.Join(' ', args)}` left the instance {state}: {result}"];
    }

    private async Task<string[]> ArgumentsAsync(ReadmeCommand command, string service, AttestedService attested)
    {
        var words = new List<string>();
        string? previous = null;
        foreach (var word in command.Words)
        {
            words.Add(await FillAsync(command.Path, word, previous, service, attested, IsConfidential(command)));
            previous = word;
        }

        // A second build named in an optional group is an upgrade: a proposal must change the approved list.
        var optionalAttested = attested with { Measurement = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)) };
        foreach (var group in command.Optional.Where(g => OptionalsRun.Contains((command.Path, g[0]))))
        {
            previous = null;
            foreach (var word in group)
            {
                words.Add(await FillAsync(command.Path, word, previous, service, optionalAttested, IsConfidential(command)));
                previous = word;
            }
        }

        return [.. words];
    }

    private async Task<string> FillAsync(string path, string word, string? previous, string service, AttestedService attested, bool confidentialLine)
    {
        var vector = Path.Combine(AppContext.BaseDirectory, "data", "snp", "msteeav-aci-turin");
        switch (word)
        {
            case "URL" or "VALUE" or "http://127.0.0.1:5080":
                return service;
            case "ID" when path == "members propose-recovery-policy":
                return "alice";
            case "K":
                return "1";
            case "ID" when path == "egress check":
                return fixture.OpenEgressContractId;
            case "ID" when path == "contracts diff":
                return fixture.AmendmentId;
            case "ID" when path == "contracts consent":
                return fixture.AcceptedContractId;
            case "ID":
                return fixture.ContractId;
            case "VERSION":
                return "1";
            case "HEX":
                return fixture.Digest;
            case "ME":
                return "alice";
            case "TIME":
                return "2026-03-01T00:00:00Z";
            case "N":
                return "1";
            case "SEQ":
                return "0";
            case "MEASUREMENT":
                return attested.Measurement;
            case "simulated-root.pem":
                return attested.RootFile;
            case "FILE" when previous == "--report":
                return Path.Combine(vector, "report.bin");
            case "FILE" or "DIR" when previous == "--certs":
                return Path.Combine(vector, "vcek.pem");
            case "me.pem":
                return fixture.KeyPath("alice");
            case "ops.pem":
                return fixture.KeyPath("ops");
            case "approvals.json":
                await WriteApprovalsAsync();
                return Work("approvals.json");
            case "head-a.json" or "head-b.json":
                File.Copy(Work("audit.jsonl.tree-head.json"), Work(word), overwrite: true);
                return Work(word);
            case "keys.json":
                return Work("audit.jsonl.keys.json");
            case "audit.jsonl" or "audit.jsonl.tree-head.json" when path == "audit verify" && confidentialLine:
                // Only a confidential service's log holds service.unsealed evidence to prove its head with.
                return await ConfidentialExportAsync(word);
        }

        if (new[] { ".pem", ".json", ".jsonc", ".jsonl", ".csv", ".onnx" }.Any(extension => word.EndsWith(extension, StringComparison.Ordinal)))
        {
            return Work(word);
        }

        if (word.Length > 1 && word.All(c => char.IsUpper(c) || c == '_'))
        {
            throw new KeyNotFoundException($"the placeholder {word} (after {previous ?? "nothing"}, in `{path}`) has no value in this test");
        }

        return word;
    }

    private string Work(string name) => Path.Combine(fixture.Work, name);

    private async Task<string> ConfidentialExportAsync(string word)
    {
        var folder = Directory.CreateDirectory(Work("confidential")).FullName;
        var export = Path.Combine(folder, "audit.jsonl");
        if (!File.Exists(export))
        {
            using var cli = new CliRunner(confidential.Server.CreateHandler);
            var result = await cli.RunAsync("audit", "export", "--service", confidential.Server.BaseAddress.ToString(), "--out", export, "--token", confidential.Auditor.CreateToken());
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        return Path.Combine(folder, word);
    }

    private async Task WriteApprovalsAsync()
    {
        using var client = fixture.CreateClient(fixture.GenesisMembers.Single(m => m.Id == "alice"));
        var approvals = await client.GetStringAsync($"/contracts/{fixture.ContractId}/approvals");
        await File.WriteAllTextAsync(Work("approvals.json"), approvals);
    }
}

/// <summary>
/// README's demo line, through the CLI's parser, against the service as <c>dotnet run</c> has it in Development. The
/// key files and the work folder that the line finds in their default places on a developer's machine are named
/// here explicitly (<c>--dev-keys</c>, <c>--work</c>), as the test's service keeps them in a folder of its own.
/// </summary>
public sealed class ReadmeDemoCommandTests(Demo.DemoServiceFactory factory) : IClassFixture<Demo.DemoServiceFactory>
{
    [Fact]
    public async Task The_readme_demo_line_runs_every_step_through_the_cli()
    {
        var demo = Assert.Single(ReadmeCommandLines.Read(DeploymentFiles.Readme), c => c.Path == "demo" && !c.Words.Contains("--confidential"));
        using var cli = new CliRunner(factory.Server.CreateHandler);
        string[] args =
        [
            .. demo.Words.Select(word => word == "http://127.0.0.1:5080" ? factory.Server.BaseAddress.ToString() : word),
            "--dev-keys", factory.KeyDirectory, "--work", factory.Root,
        ];

        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Every step behaved", result.Out, StringComparison.Ordinal);
    }
}

/// <summary>README's confidential demo line, through the CLI's parser, against a Development service in confidential mode on a simulated chip.</summary>
public sealed class ReadmeConfidentialDemoCommandTests(Demo.ConfidentialDemoServiceFactory factory) : IClassFixture<Demo.ConfidentialDemoServiceFactory>
{
    [Fact]
    public async Task The_readme_confidential_demo_line_runs_every_step_through_the_cli()
    {
        var demo = Assert.Single(ReadmeCommandLines.Read(DeploymentFiles.Readme), c => c.Path == "demo" && c.Words.Contains("--confidential"));
        using var cli = new CliRunner(factory.Server.CreateHandler);
        string[] args =
        [
            .. demo.Words.Select(word => word switch
            {
                "http://127.0.0.1:5080" => factory.Server.BaseAddress.ToString(),
                "MEASUREMENT" => factory.Platform.MeasurementHex,
                "simulated-root.pem" => factory.Platform.RootFile,
                _ => word,
            }),
            "--dev-keys", factory.KeyDirectory, "--work", Path.Combine(factory.Root, "readme-work"),
        ];

        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Every step behaved", result.Out, StringComparison.Ordinal);
        Assert.Contains("service.unsealed", result.Out, StringComparison.Ordinal);
    }
}
