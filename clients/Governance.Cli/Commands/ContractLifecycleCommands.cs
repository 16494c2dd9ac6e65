namespace Governance.Cli.Commands;

/// <summary>
/// `governance contracts init|new|edit|show|digest|propose|approve|reject|withdraw|revoke|consent|amend|diff|list|approvals`:
/// the contract lifecycle through the SDK. Added to the `contracts` group beside `sign-digest`.
/// </summary>
internal static class ContractLifecycleCommands
{
    public static Command AddTo(Command contracts, CliHost host)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        contracts.Add(Init(host));
        contracts.Add(New(host));
        contracts.Add(Edit(host));
        contracts.Add(Show(host));
        contracts.Add(Digest(host));
        contracts.Add(Propose(host));
        contracts.Add(Approve(host));
        contracts.Add(Reject(host));
        contracts.Add(Withdraw(host));
        contracts.Add(Revoke(host));
        contracts.Add(ContractConsentCommand.Create(host, IdArgument()));
        contracts.Add(Amend(host));
        contracts.Add(ContractDiffCommand.Build(host));
        contracts.Add(List(host));
        contracts.Add(Approvals(host));
        return contracts;
    }

    private static Argument<Guid> IdArgument() => new("id") { Description = "Contract id." };

    private static Command Init(CliHost host)
    {
        var output = new Option<string>("--out") { Description = "File to write the commented starting contract to.", Required = true, HelpName = "FILE" };
        var partner = new Option<string>("--partner") { Description = "Member id of the other party (you, --member, are the first).", Required = true, HelpName = "ID" };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists." };
        return new Command("init", "Write a commented starting contract between you and --partner, every allow* false, ready for `contracts new --file`.")
        {
            output, partner, force,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var p = context.ParseResult;
            var path = p.GetRequiredValue(output);
            var other = p.GetRequiredValue(partner);
            var me = context.Settings.RequireMember();
            if (string.Equals(me, other, StringComparison.Ordinal))
            {
                throw new CliUsageException("--partner must be another member than you.");
            }

            if (File.Exists(path) && !p.GetValue(force))
            {
                throw new CliUsageException($"{path} exists; pass --force to overwrite it.");
            }

            await File.WriteAllTextAsync(path, ContractTemplate.Jsonc(me, other, host.Time.GetUtcNow()), ct);
            context.Output.Write(new { file = Path.GetFullPath(path), parties = new[] { me, other } }, console =>
                console.MarkupLine($"Wrote {Markup.Escape(Path.GetFullPath(path))}: replace the placeholder measurement and the example dataset and secret, then [bold]governance contracts new --file {Markup.Escape(path)}[/]"));
            return ExitCodes.Ok;
        });
    }

    private static Command New(CliHost host)
    {
        var file = new Option<string>("--file") { Description = "Contract content as JSON or commented JSON (title, parties, datasets, secrets, cleanRoom, attestationPolicy, validity); `contracts init` writes one.", Required = true, HelpName = "FILE" };
        var command = new Command("new", "Create a draft contract (you are its proposer; only you edit it).") { file };
        command.Aliases.Add("create");
        return command.SetGovernanceAction(host, async (context, ct) =>
        {
            var content = await ContractContentFile.ReadAsync(context.ParseResult.GetRequiredValue(file), ct);
            using var client = context.MemberClient();
            var created = await client.Contracts.CreateAsync(content, ct);
            WriteContract(context.Output, created.Value, created.ETag);
            return ExitCodes.Ok;
        });
    }

    private static Command Edit(CliHost host)
    {
        var id = IdArgument();
        var file = new Option<string>("--file") { Description = "The draft's new content as JSON.", Required = true, HelpName = "FILE" };
        var etag = new Option<string?>("--if-match") { Description = "The ETag you read (default: the current one, read just before)." };
        return new Command("edit", "Replace a draft's content (proposer only; refused with 412 if it changed since the ETag).") { id, file, etag }.SetGovernanceAction(host, async (context, ct) =>
        {
            var p = context.ParseResult;
            var content = await ContractContentFile.ReadAsync(p.GetRequiredValue(file), ct);
            using var client = context.MemberClient();
            var tag = p.GetValue(etag) ?? (await client.Contracts.GetAsync(p.GetRequiredValue(id), ct)).ETag
                ?? throw new CliUsageException("The service sent no ETag for this contract.");
            var edited = await client.Contracts.EditAsync(p.GetRequiredValue(id), content, tag, ct);
            WriteContract(context.Output, edited.Value, edited.ETag);
            return ExitCodes.Ok;
        });
    }

    private static Command Show(CliHost host)
    {
        var content = new Option<bool>("--content") { Description = "Print the full content as JSON too." };
        return OnContract(host, "show", "Show a contract: state, digest, parties, approvals.", [content], async (context, client, id, ct) =>
        {
            var contract = await client.Contracts.GetAsync(id, ct);
            WriteContract(context.Output, contract.Value, contract.ETag);
            if (!context.Output.Json && context.ParseResult.GetValue(content))
            {
                context.Output.Out.WriteLine(JsonSerializer.Serialize(contract.Value.Content, GovernanceJson.Indented));
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Digest(CliHost host) =>
        OnContract(host, "digest", "Print the digest to approve and the exact payload an approval signs.", [], async (context, client, id, ct) =>
        {
            var digest = await client.Contracts.GetDigestAsync(id, ct);
            context.Output.WriteDetails(digest, ("contract", digest.ContractId.ToString()), ("state", digest.State.ToString()),
                ("digest", digest.Digest), ("signed payload", digest.SignedPayload));
            return ExitCodes.Ok;
        });

    private static Command Propose(CliHost host) =>
        Transition(host, "propose", "Freeze the draft; its digest is what every party must approve.",
            async (client, id, ct) => (await client.Contracts.ProposeAsync(id, null, ct)).Value);

    private static Command Approve(CliHost host)
    {
        var id = IdArgument();
        var yes = new Option<bool>("--yes") { Description = "Approve without asking (the summary is still printed)." };
        return new Command("approve", "Read the contract, recompute its digest here, show what it says, ask, then sign with your key (--key) and approve.")
        {
            id, yes,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var contractId = context.ParseResult.GetRequiredValue(id);
            using var key = ECDsa.Create();
            key.ImportFromPem(await File.ReadAllTextAsync(context.Settings.RequireKeyPath(), ct));
            using var client = context.MemberClient();
            var contract = (await client.Contracts.GetAsync(contractId, ct)).Value;
            if (ContractDigestCheck.Recompute(contract, context.Output) is not { } digest)
            {
                return ExitCodes.Refused;
            }

            // With --json, stdout carries only the result; the summary and the question go to stderr.
            var review = context.Output.Json ? context.Output.Error : context.Output.Out;
            if (await ContractAmendmentReview.LinesAsync(client, contract, context.Output, ct) is not { } changes)
            {
                return ExitCodes.Refused;
            }

            foreach (var line in ContractReview.Lines(contract, digest).Concat(changes))
            {
                await review.WriteLineAsync(line);
            }

            if (!context.ParseResult.GetValue(yes) && !await ConfirmAsync(host, review, $"Approve contract {contractId} with digest {digest}? [y/N] "))
            {
                context.Output.ErrorConsole.MarkupLine("Not approved.");
                return ExitCodes.Refused;
            }

            var signature = ContractApprovalSignature.Sign(key, Client.Auth.MemberTokenFactory.ComputeKeyId(key), contractId, digest);
            WriteContract(context.Output, await client.Contracts.ApproveAsync(contractId, digest, signature, ct), null);
            return ExitCodes.Ok;
        });
    }

    private static async Task<bool> ConfirmAsync(CliHost host, TextWriter prompt, string question)
    {
        await prompt.WriteAsync(question);
        await prompt.FlushAsync();
        var answer = (await host.In.ReadLineAsync())?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }

    private static Command Reject(CliHost host)
    {
        var reason = new Option<string>("--reason") { Description = "Why (shown to the other parties).", Required = true };
        return OnContract(host, "reject", "Reject a proposed contract.", [reason], async (context, client, id, ct) =>
        {
            WriteContract(context.Output, await client.Contracts.RejectAsync(id, context.ParseResult.GetRequiredValue(reason), ct), null);
            return ExitCodes.Ok;
        });
    }

    private static Command Withdraw(CliHost host) =>
        Transition(host, "withdraw", "Withdraw your own draft or proposed contract.",
            (client, id, ct) => client.Contracts.WithdrawAsync(id, ct));

    private static Command Revoke(CliHost host)
    {
        var reason = new Option<string?>("--reason") { Description = "Why (recorded)." };
        return OnContract(host, "revoke", "Revoke an accepted contract: releases stop from the next request.", [reason], async (context, client, id, ct) =>
        {
            WriteContract(context.Output, await client.Contracts.RevokeAsync(id, context.ParseResult.GetValue(reason), ct), null);
            return ExitCodes.Ok;
        });
    }

    private static Command Amend(CliHost host) =>
        Transition(host, "amend", "Start a new draft version of an accepted contract (the old one stays in force until the new one is accepted).",
            async (client, id, ct) => (await client.Contracts.AmendAsync(id, ct)).Value);

    private static Command List(CliHost host)
    {
        var state = new Option<ContractStateName?>("--state") { Description = "Only contracts in this state." };
        return new Command("list", "List your contracts (auditors: all), newest first.") { state }.SetMemberAction(host, async (context, client, ct) =>
        {
            var all = new List<ContractSummary>();
            await foreach (var item in client.Contracts.ListAllAsync(context.ParseResult.GetValue(state), ct))
            {
                all.Add(item);
            }

            context.Output.WriteTable(all, ("id", c => c.Id.ToString()), ("v", c => c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("title", c => c.Title), ("state", c => c.State.ToString()), ("parties", c => string.Join(", ", c.Parties)),
                ("digest", c => c.Digest[..Math.Min(16, c.Digest.Length)] + "…"));
            return ExitCodes.Ok;
        });
    }

    private static Command Approvals(CliHost host)
    {
        var verify = new Option<bool>("--verify") { Description = "Re-verify every approval signature offline against the key served with it (exit 1 if any fails)." };
        return OnContract(host, "approvals", "List the parties' approvals with the keys that signed them.", [verify], async (context, client, id, ct) =>
        {
            var approvals = await client.Contracts.GetApprovalsAsync(id, ct);
            var checks = ContractsApi.VerifyApprovals(approvals);
            var verifying = context.ParseResult.GetValue(verify);
            var rows = checks.Select(c => new
            {
                member = c.Approval.MemberId,
                digest = c.Approval.Digest,
                keyId = c.Approval.KeyId,
                unsigned = c.Approval.IsUnsigned,
                approvedAt = c.Approval.ApprovedAt,
                verified = verifying ? c.Check.IsValid : (bool?)null,
                problem = verifying ? c.Check.Problem : null,
            }).ToList();
            context.Output.WriteTable(rows, ("member", r => r.member), ("digest", r => r.digest[..Math.Min(16, r.digest.Length)] + "…"),
                ("key", r => r.keyId ?? "(unsigned)"), ("approved", r => r.approvedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
                ("verified", r => r.verified is null ? "" : r.verified.Value ? "yes" : "NO: " + r.problem));
            var allValid = checks.All(c => c.Check.IsValid) && checks.All(c => c.Approval.Digest == approvals.Digest);
            return !verifying || allValid ? ExitCodes.Ok : ExitCodes.Refused;
        });
    }

    private static Command Transition(CliHost host, string name, string description, Func<GovernanceClient, Guid, CancellationToken, Task<ContractView>> change) =>
        OnContract(host, name, description, [], async (context, client, id, ct) =>
        {
            WriteContract(context.Output, await change(client, id, ct), null);
            return ExitCodes.Ok;
        });

    /// <summary>
    /// A command on the contract its id argument names, run as the signed-in member: <paramref name="options"/> follow the
    /// id, and <paramref name="body"/> gets the id as parsed.
    /// </summary>
    private static Command OnContract(
        CliHost host, string name, string description, Option[] options, Func<CliContext, GovernanceClient, Guid, CancellationToken, Task<int>> body)
    {
        var id = IdArgument();
        var command = new Command(name, description) { id };
        foreach (var option in options)
        {
            command.Add(option);
        }

        return command.SetMemberAction(host, (context, client, ct) => body(context, client, context.ParseResult.GetRequiredValue(id), ct));
    }

    private static void WriteContract(CliOutput output, ContractView contract, string? etag) =>
        output.WriteDetails(contract,
            ("contract", contract.Id.ToString()), ("version", contract.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("title", contract.Content.Title), ("state", contract.State.ToString()), ("proposer", contract.Proposer),
            ("parties", string.Join(", ", contract.Content.Parties)), ("digest", contract.Digest),
            ("approved by", string.Join(", ", contract.ApprovedBy)), ("releases", contract.ReleaseCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("etag", etag), ("reason", contract.Reason));
}
