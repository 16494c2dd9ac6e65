using System.CommandLine;
using System.Text.Json;
using Governance.Client;
using Governance.Client.Auth;
using Governance.Client.Errors;
using Governance.Protocol.Audit;
using Spectre.Console;

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

    public static Command Build() => new("audit", "Export the tamper-evident audit log and verify it offline.")
    {
        BuildExport(),
        BuildVerify(),
        BuildConsistency(),
    };

    private static Command BuildExport()
    {
        var service = new Option<Uri>("--service") { Description = "Base URL of the service.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "File to write; the tree head goes to FILE.tree-head.json and the service keys to FILE.keys.json.", Required = true };
        var from = new Option<long?>("--from") { Description = "First sequence number (default 0)." };
        var to = new Option<long?>("--to") { Description = "Sequence number to stop before (default: the latest tree head's size)." };
        var format = new Option<string>("--format") { Description = "jsonl (default, verifiable) or csv.", DefaultValueFactory = _ => "jsonl" };
        var token = new Option<string?>("--token") { Description = $"Bearer token of an auditor (default: ${TokenVariable})." };
        var command = new Command("export", "Stream a range of entries to a file with a progress bar, plus the signed tree head covering it.")
        {
            service, output, from, to, format, token,
        };
        command.SetAction((r, ct) => ExportAsync(
            r.GetValue(service)!, r.GetValue(output)!, r.GetValue(from), r.GetValue(to), r.GetValue(format)!,
            r.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable), r.InvocationConfiguration.Output, ct));
        return command;
    }

    private static Command BuildVerify()
    {
        var export = new Option<FileInfo>("--export") { Description = "JSON Lines export of entries 0..n-1.", Required = true };
        var head = new Option<FileInfo>("--tree-head") { Description = "Signed tree head JSON of size n.", Required = true };
        var key = new Option<FileInfo?>("--key") { Description = "The service's public key: a JWK or the JWK set from GET /keys. Without it the signature is not checked." };
        var command = new Command("verify", "Recompute the Merkle root of an export offline, check the head's signature, and name the first entry that does not fit.")
        {
            export, head, key,
        };
        command.SetAction((r, ct) => VerifyAsync(r.GetValue(export)!, r.GetValue(head)!, r.GetValue(key), r.InvocationConfiguration.Output, ct));
        return command;
    }

    private static Command BuildConsistency()
    {
        var oldHead = new Option<FileInfo>("--old") { Description = "The earlier signed tree head JSON.", Required = true };
        var newHead = new Option<FileInfo>("--new") { Description = "The later signed tree head JSON.", Required = true };
        var proof = new Option<FileInfo?>("--proof") { Description = "Consistency proof JSON (GET /audit/consistency)." };
        var service = new Option<Uri?>("--service") { Description = "Fetch the proof from this service instead of a file." };
        var key = new Option<FileInfo?>("--key") { Description = "JWK or JWK set to check both heads' signatures." };
        var token = new Option<string?>("--token") { Description = $"Bearer token (default: ${TokenVariable})." };
        var command = new Command("consistency", "Check that the later tree head extends the earlier one (nothing rewritten or removed).")
        {
            oldHead, newHead, proof, service, key, token,
        };
        command.SetAction((r, ct) => ConsistencyAsync(
            r.GetValue(oldHead)!, r.GetValue(newHead)!, r.GetValue(proof), r.GetValue(service), r.GetValue(key),
            r.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable), r.InvocationConfiguration.Output, ct));
        return command;
    }

    internal static async Task<int> ExportAsync(
        Uri service, FileInfo output, long? from, long? to, string format, string? token, TextWriter console, CancellationToken cancellationToken,
        HttpMessageHandler? handler = null)
    {
        if (format is not ("jsonl" or "csv"))
        {
            await console.WriteLineAsync("error: --format must be jsonl or csv.");
            return BadInput;
        }

        using var client = CreateClient(service, token, handler);
        try
        {
            TreeHeadDto head;
            await using (var export = await client.Audit.OpenExportAsync(from, to, format, cancellationToken))
            {
                head = export.TreeHead;
                var total = Math.Max(0, Math.Min(to ?? head.TreeSize, head.TreeSize) - (from ?? 0));
                await using var file = output.Create();
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

            await File.WriteAllTextAsync(output.FullName + ".tree-head.json", JsonSerializer.Serialize(head, AuditJson.Options), cancellationToken);
            var keys = await client.Audit.GetServiceKeysAsync(cancellationToken);
            await File.WriteAllTextAsync(output.FullName + ".keys.json", JsonSerializer.Serialize(keys, AuditJson.Options), cancellationToken);
            await console.WriteLineAsync($"Wrote {output.FullName} (tree head of size {head.TreeSize} in {output.Name}.tree-head.json, keys in {output.Name}.keys.json).");
            return Valid;
        }
        catch (GovernanceApiException exception)
        {
            await console.WriteLineAsync($"error: the service answered {exception.Message}");
            return BadInput;
        }
        catch (GovernanceUnreachableException exception)
        {
            await console.WriteLineAsync($"error: {exception.Message}");
            return BadInput;
        }
    }

    internal static async Task<int> VerifyAsync(FileInfo export, FileInfo headFile, FileInfo? keyFile, TextWriter console, CancellationToken cancellationToken)
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
            await console.WriteLineAsync($"error: {exception.Message}");
            return BadInput;
        }

        AuditExportVerdict verdict;
        try
        {
            verdict = AuditExportVerifier.Verify(ReadLines(export, cancellationToken), head, keys);
        }
        catch (JsonException exception)
        {
            await console.WriteLineAsync($"INVALID: the export is not JSON Lines of audit entries ({exception.Message}).");
            return Invalid;
        }

        if (keys is null)
        {
            await console.WriteLineAsync("warning: no --key given, the tree head's signature was not checked.");
        }

        await console.WriteLineAsync((verdict.IsValid ? "VALID: " : "INVALID: ") + verdict.Message);
        return verdict.IsValid ? Valid : Invalid;
    }

    internal static async Task<int> ConsistencyAsync(
        FileInfo oldFile, FileInfo newFile, FileInfo? proofFile, Uri? service, FileInfo? keyFile, string? token, TextWriter console, CancellationToken cancellationToken,
        HttpMessageHandler? handler = null)
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
            else if (service is not null)
            {
                using var client = CreateClient(service, token, handler);
                proof = await client.Audit.GetConsistencyProofAsync(oldHead.TreeSize, newHead.TreeSize, cancellationToken);
            }
            else
            {
                throw new InvalidOperationException("give --proof FILE or --service URL.");
            }
        }
        catch (Exception exception) when (exception is IOException or JsonException or FormatException or InvalidOperationException
                                              or GovernanceApiException or GovernanceUnreachableException)
        {
            await console.WriteLineAsync($"error: {exception.Message}");
            return BadInput;
        }

        foreach (var head in new[] { oldHead, newHead })
        {
            if (keys is null)
            {
                continue;
            }

            var key = keys.FirstOrDefault(k => k.Kid == head.KeyId);
            using var publicKey = key?.ToECDsa();
            if (publicKey is null || !head.VerifySignature(publicKey))
            {
                await console.WriteLineAsync($"INVALID: the tree head of size {head.TreeSize} is not signed by a given key.");
                return Invalid;
            }
        }

        var consistent = MerkleVerifier.VerifyConsistency(
            oldHead.TreeSize, newHead.TreeSize, oldHead.RootHashBytes(), newHead.RootHashBytes(), [.. proof.Proof.Select(Convert.FromBase64String)]);
        await console.WriteLineAsync(consistent
            ? $"VALID: the tree of {newHead.TreeSize} entries extends the tree of {oldHead.TreeSize}."
            : $"INVALID: the tree of {newHead.TreeSize} entries does not extend the tree of {oldHead.TreeSize}: the log was rewritten or a head is forged.");
        return consistent ? Valid : Invalid;
    }

    /// <summary>
    /// The SDK client (retries on 429/503, typed errors) with the given bearer token, or none. The token is
    /// a fixed string here, not minted per request, because auditors often hold an OpenID Connect token.
    /// </summary>
    private static GovernanceClient CreateClient(Uri service, string? token, HttpMessageHandler? handler) =>
        new(service, string.IsNullOrEmpty(token) ? AnonymousTokenProvider.Instance : new CallbackTokenProvider(_ => ValueTask.FromResult<string?>(token)), handler);

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
