namespace Governance.Cli.Commands;

/// <summary>
/// `governance members list|show|propose-add|propose-remove|propose-service-measurements|propose-recovery-policy|proposals|vote|withdraw`:
/// the consortium and its votes.
/// </summary>
internal static class MembersCommands
{
    public static Command Create(CliHost host) => new("members", "The consortium's members, and proposals to change who they are.")
    {
        List(host),
        Show(host),
        ProposeAdd(host),
        ProposeRemove(host),
        ProposeServiceMeasurements(host),
        ProposeRecoveryPolicy(host),
        Proposals(host),
        Vote(host),
        Withdraw(host),
    };

    private static Command List(CliHost host) =>
        new Command("list", "List the members with their roles, status and keys.").SetMemberAction(host, async (context, client, ct) =>
        {
            var members = await client.Members.ListAsync(ct);
            context.Output.WriteTable(members,
                ("id", m => m.Id), ("name", m => m.DisplayName), ("roles", m => string.Join(", ", m.Roles)),
                ("status", m => m.Status), ("keys", m => string.Join(", ", m.Keys.Where(k => k.RemovedAt is null).Select(k => k.KeyId[..Math.Min(12, k.KeyId.Length)] + "…"))));
            return ExitCodes.Ok;
        });

    private static Command Show(CliHost host)
    {
        var id = new Argument<string?>("id") { Description = "Member id (default: yourself).", Arity = ArgumentArity.ZeroOrOne };
        return new Command("show", "Show one member with every key.") { id }.SetMemberAction(host, async (context, client, ct) =>
        {
            var wanted = context.ParseResult.GetValue(id);
            var member = wanted is null ? await client.Members.GetMeAsync(ct) : await client.Members.GetAsync(wanted, ct);
            context.Output.WriteDetails(member,
                ("id", member.Id), ("name", member.DisplayName), ("roles", string.Join(", ", member.Roles)), ("status", member.Status),
                ("keys", string.Join("\n", member.Keys.Select(k => $"{k.KeyId} {k.Algorithm}{(k.RemovedAt is null ? "" : $" (removed {k.RemovedAt:u})")}"))));
            return ExitCodes.Ok;
        });
    }

    private static Command ProposeAdd(CliHost host)
    {
        var id = new Argument<string>("id") { Description = "The new member's id." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)." };
        var roles = new Option<string[]>("--role") { Description = "Role: member, auditor or operator (repeatable; default member).", AllowMultipleArgumentsPerToken = true };
        var keys = new Option<string[]>("--public-key") { Description = "The new member's public key: JWK or PEM file (repeatable).", Required = true, HelpName = "FILE" };
        return new Command("propose-add", "Propose adding a member; it joins once the quorum approves.") { id, name, roles, keys }.SetGovernanceAction(host, async (context, ct) =>
        {
            var p = context.ParseResult;
            var request = new CreateProposalRequest
            {
                Kind = ProposalKindDto.AddMember,
                MemberId = p.GetRequiredValue(id),
                DisplayName = p.GetValue(name) ?? p.GetRequiredValue(id),
                Roles = p.GetValue(roles) is { Length: > 0 } r ? r : ["member"],
                Keys = [.. p.GetRequiredValue(keys).Select(PublicKeyFile.Read)],
            };
            using var client = context.MemberClient();
            var proposal = await client.Proposals.ProposeAsync(request, ct);
            WriteProposal(context.Output, proposal);
            return ExitCodes.Ok;
        });
    }

    private static Command ProposeRemove(CliHost host)
    {
        var id = new Argument<string>("id") { Description = "The member to remove." };
        return new Command("propose-remove", "Propose removing a member; it leaves once the quorum approves.") { id }.SetMemberAction(host, async (context, client, ct) =>
        {
            var proposal = await client.Proposals.ProposeAsync(
                new CreateProposalRequest { Kind = ProposalKindDto.RemoveMember, MemberId = context.ParseResult.GetRequiredValue(id) }, ct);
            WriteProposal(context.Output, proposal);
            return ExitCodes.Ok;
        });
    }

    private static Command ProposeServiceMeasurements(CliHost host)
    {
        var measurements = new Option<string[]>("--measurement")
        {
            Description = "A launch measurement (96 hex digits) of a service build to trust with the key-encryption key; repeat for several. The list replaces the current one.",
            Required = true,
            HelpName = "HEX",
        };
        return new Command("propose-service-measurements",
            "Confidential mode: propose the service builds trusted with the key-encryption key (an upgrade is a vote); vote with `members vote`.") { measurements }.SetMemberAction(host, async (context, client, ct) =>
        {
            WriteProposal(context.Output, await client.Proposals.ProposeServiceMeasurementsAsync(context.ParseResult.GetRequiredValue(measurements), ct));
            return ExitCodes.Ok;
        });
    }

    private static Command ProposeRecoveryPolicy(CliHost host)
    {
        var threshold = new Option<int>("--threshold") { Description = "How many shares recover the key.", Required = true, HelpName = "K" };
        var holders = new Option<string[]>("--holder") { Description = "A member holding one share (with a recovery key registered); repeat for each.", Required = true, HelpName = "ID" };
        return new Command("propose-recovery-policy",
            "Confidential mode: propose that any K of the holders recover the key-encryption key; vote with `members vote`.") { threshold, holders }.SetMemberAction(host, async (context, client, ct) =>
        {
            WriteProposal(context.Output, await client.Proposals.ProposeRecoveryPolicyAsync(
                context.ParseResult.GetRequiredValue(threshold), context.ParseResult.GetRequiredValue(holders), ct));
            return ExitCodes.Ok;
        });
    }

    private static Command Proposals(CliHost host)
    {
        var state = new Option<ProposalStateDto?>("--state") { Description = "Only proposals in this state." };
        return new Command("proposals", "List membership proposals, newest first.") { state }.SetMemberAction(host, async (context, client, ct) =>
        {
            var proposals = await client.Proposals.ListAsync(context.ParseResult.GetValue(state), ct).ToListAsync(ct);
            context.Output.WriteTable(proposals,
                ("id", p => p.Id.ToString()), ("kind", p => p.Kind.ToString()), ("member", p => p.Change.MemberId),
                ("state", p => p.State.ToString()), ("proposer", p => p.ProposerId),
                ("ballots", p => string.Join(", ", p.Ballots.Select(b => $"{b.MemberId}:{b.Vote}"))));
            return ExitCodes.Ok;
        });
    }

    private static Command Vote(CliHost host)
    {
        var id = new Argument<Guid>("proposal") { Description = "Proposal id." };
        var vote = new Argument<VoteDto>("vote") { Description = "approve or reject." };
        return new Command("vote", "Cast your ballot on a membership proposal.") { id, vote }.SetMemberAction(host, async (context, client, ct) =>
        {
            var proposal = await client.Proposals.VoteAsync(context.ParseResult.GetRequiredValue(id), context.ParseResult.GetRequiredValue(vote), ct);
            WriteProposal(context.Output, proposal);
            return ExitCodes.Ok;
        });
    }

    private static Command Withdraw(CliHost host)
    {
        var id = new Argument<Guid>("proposal") { Description = "Proposal id." };
        return new Command("withdraw", "Withdraw your own open proposal.") { id }.SetMemberAction(host, async (context, client, ct) =>
        {
            WriteProposal(context.Output, await client.Proposals.WithdrawAsync(context.ParseResult.GetRequiredValue(id), ct));
            return ExitCodes.Ok;
        });
    }

    private static void WriteProposal(CliOutput output, ProposalResponse proposal)
    {
        var change = proposal.Change;
        var fields = new List<(string, string?)> { ("proposal", proposal.Id.ToString()), ("kind", proposal.Kind.ToString()), ("member", change.MemberId) };
        if (change.Measurements is { } measurements)
        {
            fields.Add(("measurements", string.Join("\n", measurements)));
        }

        if (change.Threshold is { } k && change.Holders is { } holders)
        {
            fields.Add(("recovery", $"{k} of {string.Join(", ", holders)}"));
        }

        fields.Add(("state", proposal.State.ToString()));
        fields.Add(("proposer", proposal.ProposerId));
        fields.Add(("ballots", string.Join(", ", proposal.Ballots.Select(b => $"{b.MemberId}:{b.Vote}"))));
        output.WriteDetails(proposal, [.. fields]);
    }
}
