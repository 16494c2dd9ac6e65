namespace Governance.Cli.Commands;

/// <summary>`governance contracts sign-digest|digest-file|verify-approvals`: digests, approval signatures and their re-verification.</summary>
internal static class ContractsCommands
{
    public static Command Build(CliHost host) => new("contracts", "Draft, review, approve and check contracts; digests and approval signatures are computed and checked here.")
    {
        SignDigest(host),
        Digest(),
        VerifyApprovals(),
    };

    private static Command SignDigest(CliHost host)
    {
        var contract = new Option<Guid>("--contract") { Description = "The contract id; its content is fetched and its digest recomputed here.", Required = true, HelpName = "ID" };
        return new Command("sign-digest", "Fetch a contract, recompute its digest and print the approval (digest and compact JWS signed with --key) to paste into POST /contracts/{id}/approvals.")
        {
            contract,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var member = context.Settings.RequireMember();
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(await File.ReadAllTextAsync(context.Settings.RequireKeyPath(), ct));
            var id = context.ParseResult.GetRequiredValue(contract);
            using var client = context.MemberClient();
            var view = (await client.Contracts.GetAsync(id, ct)).Value;
            if (ContractDigestCheck.Recompute(view, context.Output) is not { } digest)
            {
                return ExitCodes.Refused;
            }

            var signature = ContractApprovalSignature.Sign(ecdsa, EcJwk.Thumbprint(ecdsa), id, digest);
            context.Output.Note($"Signed as {member}: {ContractApprovalSignature.Payload(id, digest)}");
            await context.Output.Out.WriteLineAsync(JsonSerializer.Serialize(new ApproveContractRequest(digest, signature), ContractJson.Options));
            return ExitCodes.Ok;
        });
    }

    private static Command Digest()
    {
        var file = new Option<FileInfo>("--file") { Description = "JSON file with the contract content.", Required = true };
        var command = new Command("digest-file", "Prints the digest of a contract content file, offline, as the service computes it.") { file };
        command.SetAction(async (result, ct) =>
        {
            var (stdout, json) = (result.InvocationConfiguration.Output, result.GetValue(GlobalOptions.Json));
            if (await ReadSavedFileAsync(result, file, "content", text => ContractDigest.ToHex(ContractDigest.ComputeFromJson(text)), ct) is not { } digest)
            {
                return ExitCodes.Usage;
            }

            await stdout.WriteLineAsync(json ? JsonSerializer.Serialize(new { digest }, ContractJson.Options) : digest);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command VerifyApprovals()
    {
        var file = new Option<FileInfo>("--file") { Description = "JSON served by GET /contracts/{id}/approvals.", Required = true };
        var command = new Command("verify-approvals", "Re-verifies every approval in a saved GET /contracts/{id}/approvals answer, offline.") { file };
        command.SetAction(async (result, ct) =>
        {
            var (stdout, json) = (result.InvocationConfiguration.Output, result.GetValue(GlobalOptions.Json));
            var approvals = await ReadSavedFileAsync(result, file, "approvals", text =>
                JsonSerializer.Deserialize<ContractApprovalsView>(text, ContractJson.Options) ?? throw new JsonException("The file holds null."), ct);
            if (approvals is null)
            {
                return ExitCodes.Usage;
            }

            var verdicts = approvals.Approvals.Select(approval => (approval.MemberId, approval.KeyId, Verdict: Verdict(approval, approvals))).ToList();
            if (json)
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(
                    verdicts.Select(v => new { member = v.MemberId, keyId = v.KeyId, verdict = v.Verdict }), ContractJson.Options));
            }
            else
            {
                foreach (var (memberId, keyId, verdict) in verdicts)
                {
                    await stdout.WriteLineAsync($"{memberId}\t{keyId}\t{verdict}");
                }
            }

            return verdicts.Any(v => v.Verdict.StartsWith("INVALID", StringComparison.Ordinal)) ? ExitCodes.Refused : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The offline commands' input: a file that cannot be read or parsed is said on stderr and gives null, for a usage
    /// error, rather than an unhandled exception.
    /// </summary>
    private static async Task<T?> ReadSavedFileAsync<T>(ParseResult result, Option<FileInfo> file, string what, Func<string, T> parse, CancellationToken ct)
        where T : class
    {
        try
        {
            return parse(await File.ReadAllTextAsync(result.GetValue(file)!.FullName, ct));
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            await result.InvocationConfiguration.Error.WriteLineAsync($"Cannot read the {what}: {exception.Message}");
            return null;
        }
    }

    private static string Verdict(ApprovalView approval, ContractApprovalsView approvals)
    {
        if (approval.IsUnsigned)
        {
            return "UNSIGNED (external sign-in)";
        }

        var check = ContractApprovalSignature.Verify(approval.Signature ?? "", approvals.ContractId, approvals.Digest, approval.PublicJwk ?? "");
        var sameDigest = string.Equals(approval.Digest, approvals.Digest, StringComparison.OrdinalIgnoreCase);
        var keyMatches = EcJwk.TryImport(approval.PublicJwk) is { } key && EcJwk.Thumbprint(key) == approval.KeyId;
        return check.IsValid && sameDigest && keyMatches ? "valid" : $"INVALID: {check.Problem ?? "digest or key id mismatch"}";
    }
}
