namespace Governance.Cli.Commands;

/// <summary>
/// `governance audit show SEQ [--prove] [--service-keys FILE]`: one entry as the caller may see it; with <c>--prove</c>,
/// its inclusion proof checked here against the signed tree head the service names, and that head's signature checked
/// with the given key set (else the one the service publishes). Exit codes: 0 shown (and proved), 1 the proof or the
/// signature does not hold, 2 bad input or service error.
/// </summary>
internal static class AuditShowCommand
{
    public static Command Build(CliHost host, Func<CliContext, string?, Client.Auth.ITokenProvider> tokens)
    {
        var sequence = new Argument<long>("SEQ") { Description = "The entry's sequence number." };
        var prove = new Option<bool>("--prove") { Description = "Check the entry's inclusion proof against the signed tree head, and that head's signature." };
        var keys = AuditCommands.ServiceKeysOption("Without it the keys the service publishes are used.");
        var token = AuditCommands.TokenOption();
        return new Command("show", "Show one audit entry; with --prove, check that the signed log contains it exactly.")
        {
            sequence, prove, keys, token,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var r = context.ParseResult;
            using var client = context.CreateClient(context.Settings.RequireService(), tokens(context, r.GetValue(token)));
            return await ShowAsync(client, r.GetValue(sequence), r.GetValue(prove), r.GetValue(keys), context.Output.Out, context.Output.Json, ct);
        });
    }

    private static async Task<int> ShowAsync(
        GovernanceClient client, long sequence, bool prove, FileInfo? keyFile, TextWriter console, bool json, CancellationToken cancellationToken)
    {
        if (sequence < 0)
        {
            return await AuditCheckOutcome.Error("SEQ is a sequence number, 0 or more.").WriteAsync(console, json);
        }

        AuditEntryDto entry;
        AuditCheckOutcome? proof = null;
        try
        {
            entry = await client.Audit.GetEntryAsync(sequence, cancellationToken);
            if (prove)
            {
                var inclusion = await client.Audit.GetInclusionProofAsync(sequence, cancellationToken: cancellationToken);
                var keys = keyFile is null
                    ? (await client.Audit.GetServiceKeysAsync(cancellationToken)).Keys
                    : AuditExportVerifier.ReadKeys(await File.ReadAllTextAsync(keyFile.FullName, cancellationToken), AuditJson.Options);
                proof = Check(entry, inclusion, keys);
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or FormatException or InvalidOperationException
                                              or GovernanceApiException or GovernanceUnreachableException)
        {
            return await AuditCheckOutcome.Error(exception.Message).WriteAsync(console, json);
        }

        var entryJson = JsonSerializer.SerializeToNode(entry, AuditJson.Options);
        if (json)
        {
            var result = new JsonObject { ["entry"] = entryJson };
            if (proof is not null)
            {
                result["proof"] = new JsonObject { ["verdict"] = proof.Verdict, ["message"] = proof.Message };
            }

            await console.WriteLineAsync(result.ToJsonString());
            return proof?.ExitCode ?? AuditCommands.Valid;
        }

        await console.WriteLineAsync(entryJson!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return proof is null ? AuditCommands.Valid : await proof.WriteAsync(console, json: false);
    }

    /// <summary>The entry hashes to the proof's leaf, the path leads to the head's root, and a given key signed the head.</summary>
    private static AuditCheckOutcome Check(AuditEntryDto entry, InclusionProofDto inclusion, IReadOnlyList<ServiceJwk> keys)
    {
        var head = inclusion.TreeHead;
        var leaf = AuditEntryCanonicalForm.LeafHash(entry);
        if (inclusion.LeafIndex != entry.Sequence || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(leaf, Convert.FromBase64String(inclusion.LeafHash)))
        {
            return AuditCheckOutcome.Invalid($"entry {entry.Sequence} as shown does not hash to the leaf its proof names.");
        }

        if (inclusion.TreeSize != head.TreeSize || !MerkleVerifier.VerifyInclusion(entry.Sequence, head.TreeSize, leaf, [.. inclusion.Path.Select(Convert.FromBase64String)], head.RootHashBytes()))
        {
            return AuditCheckOutcome.Invalid($"the proof does not lead from entry {entry.Sequence} to the root of the tree of {head.TreeSize} entries.");
        }

        if (!head.IsSignedByOneOf(keys))
        {
            return AuditCheckOutcome.Invalid($"the tree head of size {head.TreeSize} is not signed by a given key.");
        }

        return AuditCheckOutcome.Valid($"entry {entry.Sequence} is in the tree of {head.TreeSize} entries whose head {head.KeyId} signed.", []);
    }
}
