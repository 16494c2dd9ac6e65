namespace Governance.Cli.Commands;

/// <summary>`governance secrets put|list|versions|delete`: your own secrets; values go in and never come back.</summary>
internal static class SecretsCommands
{
    /// <summary>What a listing shows of each stored version: never its value.</summary>
    private static readonly (string Header, Func<SecretMetadata, string?> Cell)[] VersionColumns =
    [
        ("version", s => s.Version.ToString(CultureInfo.InvariantCulture)),
        ("bytes", s => s.Length.ToString(CultureInfo.InvariantCulture)),
        ("stored", s => s.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
    ];

    public static Command Create(CliHost host) => new("secrets", "Your secrets: stored encrypted, released only to attested clean rooms.")
    {
        Put(host),
        List(host),
        Versions(host),
        Delete(host),
    };

    private static Command Put(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "Secret name." };
        var file = new Option<string?>("--file") { Description = "Read the value from this file ('-' for stdin).", HelpName = "FILE" };
        var value = new Option<string?>("--value") { Description = "The value as text (prefer --file: command lines end up in shell history)." };
        var trust = new ServiceTrustOptions("--service-measurement",
            "Confidential mode: an approved measurement of the service (96 hex digits). The service's evidence is checked first, "
            + "and the value is sent only encrypted to the transit key that evidence binds.");
        var command = new Command("put", "Store a new version of a secret (at most 64 KiB).") { name, file, value };
        trust.AddTo(command);
        return command.SetGovernanceAction(host, async (context, ct) =>
        {
            var p = context.ParseResult;
            var bytes = (p.GetValue(file), p.GetValue(value)) switch
            {
                ("-", null) => await ReadStdinAsync(ct),
                ({ } path, null) => await File.ReadAllBytesAsync(path, ct),
                (null, { } text) => System.Text.Encoding.UTF8.GetBytes(text),
                _ => throw new CliUsageException("Give the value with exactly one of --file or --value."),
            };
            using var client = context.MemberClient();
            SecretMetadata stored;
            try
            {
                if (trust.Given(p))
                {
                    var (served, result) = await trust.CheckAsync(p, client, ct);
                    if (!result.Trusted)
                    {
                        return ServiceFailures.Refuse(context.Output, result, "nothing was sent");
                    }

                    stored = await client.Secrets.PutSealedAsync(p.GetRequiredValue(name), TransitSealing.Seal(bytes, served.Keys.Transit), ct);
                }
                else
                {
                    stored = await client.Secrets.PutAsync(p.GetRequiredValue(name), bytes, ct);
                }
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
            }

            context.Output.WriteDetails(stored, ("secret", stored.Name), ("owner", stored.Owner), ("version", stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("bytes", stored.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("stored", stored.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)));
            return ExitCodes.Ok;
        });
    }

    private static Command List(CliHost host) =>
        new Command("list", "List your secrets (names, versions, sizes; never values).").SetMemberAction(host, async (context, client, ct) =>
        {
            var secrets = await client.Secrets.ListAsync(ct);
            context.Output.WriteTable(secrets, [("name", s => s.Name), .. VersionColumns]);
            return ExitCodes.Ok;
        });

    private static Command Versions(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "Secret name." };
        return new Command("versions", "List every live version of one secret.") { name }.SetMemberAction(host, async (context, client, ct) =>
        {
            var versions = await client.Secrets.VersionsAsync(context.ParseResult.GetRequiredValue(name), ct);
            context.Output.WriteTable(versions, VersionColumns);
            return ExitCodes.Ok;
        });
    }

    private static Command Delete(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "Secret name." };
        return new Command("delete", "Delete every version of a secret; contracts naming it can no longer be released.") { name }.SetMemberAction(host, async (context, client, ct) =>
        {
            var secret = context.ParseResult.GetRequiredValue(name);
            await client.Secrets.DeleteAsync(secret, ct);
            context.Output.Write(new { deleted = secret }, c => c.MarkupLine($"[green]✓[/] deleted {Markup.Escape(secret)}"));
            return ExitCodes.Ok;
        });
    }

    private static async Task<byte[]> ReadStdinAsync(CancellationToken ct)
    {
        using var stdin = Console.OpenStandardInput();
        using var buffer = new MemoryStream();
        await stdin.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}
