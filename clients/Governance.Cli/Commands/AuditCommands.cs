namespace Governance.Cli.Commands;

/// <summary>
/// `governance audit export|verify|consistency`: download the log with its signed head, and check it offline.
/// Exit codes: 0 valid, 1 does not verify, 2 bad input or service error.
/// </summary>
public static class AuditCommands
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int BadInput = 2;

    public const string TokenVariable = "GOVERNANCE_TOKEN";

    public static Command Build(CliHost host) => new("audit", "Export the tamper-evident audit log and verify it offline.")
    {
        BuildExport(host),
        BuildVerify(),
        BuildConsistency(host),
        AuditShowCommand.Build(host, Tokens),
        AuditSearchCommand.Build(host, Tokens),
    };

    /// <summary>`--service-keys FILE`: the JWK set of GET /keys (or one JWK), to check tree-head signatures with.</summary>
    internal static Option<FileInfo?> ServiceKeysOption(string withoutIt = "Without it signatures are not checked.") =>
        new("--service-keys") { Description = $"The service's public keys: the JWK set from GET /keys (export writes it to FILE.keys.json), or one JWK. {withoutIt}", HelpName = "FILE" };

    internal static Option<string?> TokenOption() =>
        new("--token") { Description = $"A bearer token, e.g. an auditor's OpenID Connect token (default: ${TokenVariable}; else one is minted from --member/--key).", HelpName = "JWT" };

    private static Command BuildExport(CliHost host)
    {
        var output = new Option<FileInfo>("--out") { Description = "File to write; the tree head goes to FILE.tree-head.json and the service keys to FILE.keys.json.", Required = true };
        var from = new Option<long?>("--from") { Description = "First sequence number (default 0)." };
        var to = new Option<long?>("--to") { Description = "Sequence number to stop before (default: the latest tree head's size)." };
        var format = new Option<string>("--format") { Description = "jsonl (default, verifiable) or csv.", DefaultValueFactory = _ => "jsonl" };
        var token = TokenOption();
        return new Command("export", "Stream a range of entries to a file with a progress bar, plus the signed tree head covering it (auditors).")
        {
            output, from, to, format, token,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            using var client = context.CreateClient(context.Settings.RequireService(), Tokens(context, context.ParseResult.GetValue(token)));
            return await ExportAsync(client, context.ParseResult.GetValue(output)!, context.ParseResult.GetValue(from), context.ParseResult.GetValue(to),
                context.ParseResult.GetValue(format)!, context.Output.Out, context.Output.Json, ct);
        });
    }

    private static Command BuildVerify()
    {
        var export = new Option<FileInfo>("--export") { Description = "JSON Lines export of entries 0..n-1.", Required = true };
        var head = new Option<FileInfo>("--tree-head") { Description = "Signed tree head JSON of size n.", Required = true };
        var keys = ServiceKeysOption();
        var trust = new ServiceTrustOptions("--service-measurement",
            "An approved service build (launch measurement, hex); repeatable. With it, the head's signing key must be bound by the verified evidence of a service.unsealed entry of an approved build.");
        var command = new Command("verify", "Recompute the Merkle root of an export offline, check the head's signature, and name the first entry that does not fit.")
        {
            export, head, keys,
        };
        trust.AddTo(command);
        command.SetAction(async (r, ct) =>
        {
            var json = r.GetValue(GlobalOptions.Json);
            ServiceTrust? approved;
            try
            {
                approved = trust.Given(r) ? trust.Read(r) : null;
            }
            catch (CliUsageException exception)
            {
                return await AuditCheckOutcome.Error(exception.Message).WriteAsync(r.InvocationConfiguration.Output, json);
            }

            return await VerifyAsync(r.GetValue(export)!, r.GetValue(head)!, r.GetValue(keys), approved, r.InvocationConfiguration.Output, json, ct);
        });
        return command;
    }

    private static Command BuildConsistency(CliHost host)
    {
        var oldHead = new Option<FileInfo>("--old") { Description = "The earlier signed tree head JSON.", Required = true };
        var newHead = new Option<FileInfo>("--new") { Description = "The later signed tree head JSON.", Required = true };
        var proof = new Option<FileInfo?>("--proof") { Description = "Consistency proof JSON (GET /audit/consistency); without it the proof is fetched from --service." };
        var keys = ServiceKeysOption();
        var token = TokenOption();
        return new Command("consistency", "Check that the later tree head extends the earlier one (nothing rewritten or removed).")
        {
            oldHead, newHead, proof, keys, token,
        }.SetGovernanceAction(host, async (context, ct) =>
        {
            var r = context.ParseResult;
            var proofFile = r.GetValue(proof);
            // Only a proof that is not given as a file needs the service.
            using var client = proofFile is null ? context.CreateClient(context.Settings.RequireService(), Tokens(context, r.GetValue(token))) : null;
            return await ConsistencyAsync(r.GetValue(oldHead)!, r.GetValue(newHead)!, proofFile, client, r.GetValue(keys), context.Output.Out, context.Output.Json, ct);
        });
    }

    /// <summary>
    /// A given bearer token (auditors often hold an OpenID Connect token), else one minted per request from the member's
    /// key like every other command, else none (the service then answers 401 and says why).
    /// </summary>
    internal static ITokenProvider Tokens(CliContext context, string? token)
    {
        token ??= Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrEmpty(token))
        {
            return new CallbackTokenProvider(_ => ValueTask.FromResult<string?>(token));
        }

        return context.Settings.Member is not null ? context.MemberTokens() : AnonymousTokenProvider.Instance;
    }

    internal static async Task<int> ExportAsync(
        GovernanceClient client, FileInfo output, long? from, long? to, string format, TextWriter console, bool json, CancellationToken cancellationToken)
    {
        if (format is not ("jsonl" or "csv"))
        {
            return await AuditCheckOutcome.Error("--format must be jsonl or csv.").WriteAsync(console, json);
        }

        try
        {
            TreeHeadDto head;
            await using (var export = await client.Audit.OpenExportAsync(from, to, format, cancellationToken))
            {
                head = export.TreeHead;
                var total = Math.Max(0, Math.Min(to ?? head.TreeSize, head.TreeSize) - (from ?? 0));
                await using var file = output.Create();
                if (json)
                {
                    // stdout carries only the outcome object: no progress bar.
                    await export.Content.CopyToAsync(file, cancellationToken);
                }
                else
                {
                    await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Exporting {total} entries", maxValue: Math.Max(1, total));
                        var buffer = new byte[81920];
                        int read;
                        while ((read = await export.Content.ReadAsync(buffer, cancellationToken)) > 0)
                        {
                            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                            task.Increment(buffer.AsSpan(0, read).Count((byte)'\n') - (format == "csv" && task.Value == 0 ? 1 : 0));
                        }

                        task.Value = task.MaxValue;
                    });
                }
            }

            await File.WriteAllTextAsync(output.FullName + ".tree-head.json", JsonSerializer.Serialize(head, AuditJson.Options), cancellationToken);
            var keys = await client.Audit.GetServiceKeysAsync(cancellationToken);
            await File.WriteAllTextAsync(output.FullName + ".keys.json", JsonSerializer.Serialize(keys, AuditJson.Options), cancellationToken);
            return await AuditCheckOutcome.Exported($"Wrote {output.FullName} (tree head of size {head.TreeSize} in {output.Name}.tree-head.json, keys in {output.Name}.keys.json).")
                .WriteAsync(console, json);
        }
        catch (GovernanceApiException exception)
        {
            return await AuditCheckOutcome.Error($"the service answered {exception.Message}").WriteAsync(console, json);
        }
        catch (GovernanceUnreachableException exception)
        {
            return await AuditCheckOutcome.Error(exception.Message).WriteAsync(console, json);
        }
    }

    internal static async Task<int> VerifyAsync(FileInfo export, FileInfo headFile, FileInfo? keyFile, TextWriter console, bool json, CancellationToken cancellationToken) =>
        await VerifyAsync(export, headFile, keyFile, approvedBuilds: null, console, json, cancellationToken);

    /// <param name="approvedBuilds">When given, the head's key must also be attested by an approved build's service.unsealed evidence.</param>
    internal static async Task<int> VerifyAsync(
        FileInfo export, FileInfo headFile, FileInfo? keyFile, ServiceTrust? approvedBuilds, TextWriter console, bool json, CancellationToken cancellationToken) =>
        await (await VerifyAsync(export, headFile, keyFile, approvedBuilds, cancellationToken)).WriteAsync(console, json);

    private static async Task<AuditCheckOutcome> VerifyAsync(FileInfo export, FileInfo headFile, FileInfo? keyFile, ServiceTrust? approvedBuilds, CancellationToken cancellationToken)
    {
        TreeHeadDto head;
        IReadOnlyList<ServiceJwk>? keys = null;
        try
        {
            head = await ReadJsonAsync<TreeHeadDto>(headFile, cancellationToken);
            if (keyFile is not null)
            {
                keys = AuditExportVerifier.ReadKeys(await File.ReadAllTextAsync(keyFile.FullName, cancellationToken), AuditJson.Options);
            }

            if (!export.Exists)
            {
                throw new FileNotFoundException($"{export.FullName} does not exist.");
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or FormatException or InvalidOperationException)
        {
            return AuditCheckOutcome.Error(exception.Message);
        }

        AuditExportVerdict verdict;
        try
        {
            verdict = AuditExportVerifier.Verify(ReadLines(export, cancellationToken), head, keys);
        }
        catch (JsonException exception)
        {
            return AuditCheckOutcome.Invalid($"the export is not JSON Lines of audit entries ({exception.Message}).");
        }

        string[] warnings = keys is null ? ["no --service-keys given, the tree head's signature was not checked."] : [];
        if (!verdict.IsValid)
        {
            return AuditCheckOutcome.Invalid(verdict.Message, warnings);
        }

        if (approvedBuilds is null)
        {
            return AuditCheckOutcome.Valid(verdict.Message, warnings);
        }

        // The head's signature is checked under the attested key itself, so no warning about --service-keys remains.
        var attested = await TreeHeadAttestationCheck.CheckAsync(ReadLines(export, cancellationToken), head, approvedBuilds, TimeProvider.System, cancellationToken);
        return attested.Attested
            ? AuditCheckOutcome.Valid($"{verdict.Message} {DescribeVouching(attested)}", [])
            : AuditCheckOutcome.Invalid(DescribeUnattested(attested), warnings);
    }

    private static string DescribeVouching(TreeHeadAttestationResult attested) =>
        $"The head's key {attested.HeadKeyId} was attested inside an approved build by " + string.Join(", ", attested.Vouching.Select(e =>
            $"entry {e.Sequence} (service.unsealed, measurement {e.Measurement})")) + ".";

    private static string DescribeUnattested(TreeHeadAttestationResult attested)
    {
        var lines = new List<string>
        {
            $"{TreeHeadAttestationResult.KeyUnattested}: no verified service.unsealed evidence of an approved build binds the key {attested.HeadKeyId} that signed the tree head"
                + (attested.Evidence.Count == 0 ? "; the export holds no service.unsealed entry." : "."),
        };
        lines.AddRange(attested.Evidence.SelectMany(e => e.Failures.Select(f => $"entry {e.Sequence}: {f.Rule}: {f.Detail}")));
        return string.Join("\n", lines);
    }

    private static async Task<int> ConsistencyAsync(
        FileInfo oldFile, FileInfo newFile, FileInfo? proofFile, GovernanceClient? client, FileInfo? keyFile, TextWriter console, bool json, CancellationToken cancellationToken) =>
        await (await ConsistencyAsync(oldFile, newFile, proofFile, client, keyFile, cancellationToken)).WriteAsync(console, json);

    private static async Task<AuditCheckOutcome> ConsistencyAsync(
        FileInfo oldFile, FileInfo newFile, FileInfo? proofFile, GovernanceClient? client, FileInfo? keyFile, CancellationToken cancellationToken)
    {
        TreeHeadDto oldHead, newHead;
        ConsistencyProofDto proof;
        IReadOnlyList<ServiceJwk>? keys = null;
        try
        {
            oldHead = await ReadJsonAsync<TreeHeadDto>(oldFile, cancellationToken);
            newHead = await ReadJsonAsync<TreeHeadDto>(newFile, cancellationToken);
            if (keyFile is not null)
            {
                keys = AuditExportVerifier.ReadKeys(await File.ReadAllTextAsync(keyFile.FullName, cancellationToken), AuditJson.Options);
            }

            if (proofFile is not null)
            {
                proof = await ReadJsonAsync<ConsistencyProofDto>(proofFile, cancellationToken);
            }
            else
            {
                proof = await client!.Audit.GetConsistencyProofAsync(oldHead.TreeSize, newHead.TreeSize, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or FormatException or InvalidOperationException
                                              or GovernanceApiException or GovernanceUnreachableException)
        {
            return AuditCheckOutcome.Error(exception.Message);
        }

        foreach (var head in new[] { oldHead, newHead })
        {
            if (keys is null)
            {
                continue;
            }

            if (!head.IsSignedByOneOf(keys))
            {
                return AuditCheckOutcome.Invalid($"the tree head of size {head.TreeSize} is not signed by a given key.");
            }
        }

        var consistent = MerkleVerifier.VerifyConsistency(
            oldHead.TreeSize, newHead.TreeSize, oldHead.RootHashBytes(), newHead.RootHashBytes(), [.. proof.Proof.Select(Convert.FromBase64String)]);
        return consistent
            ? AuditCheckOutcome.Valid($"the tree of {newHead.TreeSize} entries extends the tree of {oldHead.TreeSize}.", [])
            : AuditCheckOutcome.Invalid($"the tree of {newHead.TreeSize} entries does not extend the tree of {oldHead.TreeSize}: the log was rewritten or a head is forged.");
    }


    private static async Task<T> ReadJsonAsync<T>(FileInfo file, CancellationToken cancellationToken)
    {
        await using var stream = file.OpenRead();
        return await JsonSerializer.DeserializeAsync<T>(stream, AuditJson.Options, cancellationToken)
            ?? throw new JsonException($"{file.Name} is empty.");
    }

    private static IEnumerable<AuditEntryDto> ReadLines(FileInfo export, CancellationToken cancellationToken)
    {
        foreach (var line in File.ReadLines(export.FullName))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<AuditEntryDto>(line, AuditJson.Options)
                    ?? throw new JsonException("An empty line object.");
            }
        }
    }
}
