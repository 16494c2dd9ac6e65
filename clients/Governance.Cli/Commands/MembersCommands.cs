using System.CommandLine;
using Governance.Cli.Infrastructure;
using Governance.Protocol.Members;

namespace Governance.Cli.Commands;

/// <summary>`governance members list|show|propose-add|propose-remove|proposals|vote|withdraw`: the consortium and its membership votes.</summary>
internal static class MembersCommands
{
    public static Command Create(CliHost host)
    {
        var members = new Command("members", "The consortium's members, and proposals to change who they are.");
        members.Add(List(host));
        members.Add(Show(host));
        members.Add(ProposeAdd(host));
        members.Add(ProposeRemove(host));
        members.Add(Proposals(host));
        members.Add(Vote(host));
        members.Add(Withdraw(host));
        return members;
    }

    private static Command List(CliHost host)
    {
        var command = new Command("list", "List the members with their roles, status and keys.");
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.MemberClient();
            var members = await client.Members.ListAsync(ct);
            context.Output.WriteTable(members,
                ("id", m => m.Id), ("name", m => m.DisplayName), ("roles", m => string.Join(", ", m.Roles)),
                ("status", m => m.Status), ("keys", m => string.Join(", ", m.Keys.Where(k => k.RemovedAt is null).Select(k => k.KeyId[..Math.Min(12, k.KeyId.Length)] + "…"))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliHost host)
    {
        var id = new Argument<string?>("id") { Description = "Member id (default: yourself).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "Show one member with every key.") { id };
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.MemberClient();
            var wanted = context.ParseResult.GetValue(id);
            var member = wanted is null ? await client.Members.GetMeAsync(ct) : await client.Members.GetAsync(wanted, ct);
            context.Output.WriteDetails(member,
                ("id", member.Id), ("name", member.DisplayName), ("roles", string.Join(", ", member.Roles)), ("status", member.Status),
                ("keys", string.Join("\n", member.Keys.Select(k => $"{k.KeyId} {k.Algorithm}{(k.RemovedAt is null ? "" : $" (removed {k.RemovedAt:u})")}"))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ProposeAdd(CliHost host)
    {
        var id = new Argument<string>("id") { Description = "The new member's id." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)." };
        var roles = new Option<string[]>("--role") { Description = "Role: member, auditor or operator (repeatable; default member).", AllowMultipleArgumentsPerToken = true };
        var keys = new Option<string[]>("--public-key") { Description = "The new member's public key: JWK or PEM file (repeatable).", Required = true, HelpName = "FILE" };
        var command = new Command("propose-add", "Propose adding a member; it joins once the quorum approves.") { id, name, roles, keys };
        command.SetGovernanceAction(host, async (context, ct) =>
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
        return command;
    }

    private static Command ProposeRemove(CliHost host)
    {
        var id = new Argument<string>("id") { Description = "The member to remove." };
        var command = new Command("propose-remove", "Propose removing a member; it leaves once the quorum approves.") { id };
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.MemberClient();
            var proposal = await client.Proposals.ProposeAsync(
                new CreateProposalRequest { Kind = ProposalKindDto.RemoveMember, MemberId = context.ParseResult.GetRequiredValue(id) }, ct);
            WriteProposal(context.Output, proposal);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Proposals(CliHost host)
    {
        var state = new Option<ProposalStateDto?>("--state") { Description = "Only proposals in this state." };
        var command = new Command("proposals", "List membership proposals, newest first.") { state };
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.MemberClient();
            var proposals = await client.Proposals.ListAsync(context.ParseResult.GetValue(state), ct).ToListAsync(ct);
            context.Output.WriteTable(proposals,
                ("id", p => p.Id.ToString()), ("kind", p => p.Kind.ToString()), ("member", p => p.Change.MemberId),
                ("state", p => p.State.ToString()), ("proposer", p => p.ProposerId),
                ("ballots", p => string.Join(", ", p.Ballots.Select(b => $"{b.MemberId}:{b.Vote}"))));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Vote(CliHost host)
    {
        var id = new Argument<Guid>("proposal") { Description = "Proposal id." };
        var vote = new Argument<VoteDto>("vote") { Description = "approve or reject." };
        var command = new Command("vote", "Cast your ballot on a membership proposal.") { id, vote };
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.MemberClient();
            var proposal = await client.Proposals.VoteAsync(context.ParseResult.GetRequiredValue(id), context.ParseResult.GetRequiredValue(vote), ct);
            WriteProposal(context.Output, proposal);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Withdraw(CliHost host)
    {
        var id = new Argument<Guid>("proposal") { Description = "Proposal id." };
        var command = new Command("withdraw", "Withdraw your own open proposal.") { id };
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.MemberClient();
            WriteProposal(context.Output, await client.Proposals.WithdrawAsync(context.ParseResult.GetRequiredValue(id), ct));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteProposal(CliOutput output, ProposalResponse proposal) =>
        output.WriteDetails(proposal,
            ("proposal", proposal.Id.ToString()), ("kind", proposal.Kind.ToString()), ("member", proposal.Change.MemberId),
            ("state", proposal.State.ToString()), ("proposer", proposal.ProposerId),
            ("ballots", string.Join(", ", proposal.Ballots.Select(b => $"{b.MemberId}:{b.Vote}"))));
}
