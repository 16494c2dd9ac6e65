using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using Governance.Attestation.Snp.Verify;
using Governance.Cli.Infrastructure;
using Governance.Cli.Service;
using Spectre.Console;

namespace Governance.Cli.Commands;

/// <summary>`governance service verify`: decide whether the service itself deserves trust, from its own fresh evidence.</summary>
internal static class ServiceCommands
{
    public static Command Create(CliHost host)
    {
        var service = new Command("service", "The governance service itself: check what it attests before trusting it.");
        service.Add(Verify(host));
        return service;
    }

    private static Command Verify(CliHost host)
    {
        var measurements = new Option<string[]>("--measurement")
        {
            Description = "An approved launch measurement of the service (96 hex digits); repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var measurementFile = new Option<FileInfo?>("--measurement-file") { Description = "A file of approved measurements, one per line (# starts a comment)." };
        var extraRoot = new Option<FileInfo?>("--extra-root") { Description = "Development only: also trust this ARK (+ ASK) PEM bundle, e.g. a simulated platform's." };
        var command = new Command("verify",
            "Ask the service for fresh evidence over a random nonce and check it: signature and chain to AMD's roots, keys bound in REPORT_DATA, "
            + "the nonce, and the measurement among those given (exit 0 trusted, 1 not, 2 bad input, 3 unreachable).")
        {
            measurements, measurementFile, extraRoot,
        };
        command.SetGovernanceAction(host, async (context, ct) =>
        {
            var approved = ReadMeasurements(context.ParseResult.GetValue(measurements) ?? [], context.ParseResult.GetValue(measurementFile));
            var roots = context.ParseResult.GetValue(extraRoot) is { } rootFile ? new[] { ReadRoot(rootFile) } : [];
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            using var client = context.AnonymousClient();
            var served = await client.Service.GetAttestationAsync(nonce, ct);
            var result = await ServiceAttestationCheck.CheckAsync(served, nonce, approved, roots, TimeProvider.System, ct);
            context.Output.Write(new
            {
                trusted = result.Trusted,
                measurement = result.Measurement,
                product = result.Product,
                buildVersion = served.BuildVersion,
                consortium = served.Consortium,
                identityKey = served.Keys.Identity.Kid,
                transitKey = served.Keys.Transit.Kid,
                signingKeys = served.Keys.Signing.Select(k => k.Kid).ToArray(),
                failures = result.Failures,
            }, console =>
            {
                console.MarkupLine(result.Trusted ? "[green]✓ trusted[/]" : "[red]✗ not trusted[/]");
                console.MarkupLine($"measurement  {Markup.Escape(result.Measurement ?? "(unverified)")}");
                console.MarkupLine($"build        {Markup.Escape(served.BuildVersion)}");
                console.MarkupLine($"consortium   {Markup.Escape(served.Consortium)}");
                console.MarkupLine($"identity key {Markup.Escape(served.Keys.Identity.Kid)}");
                console.MarkupLine($"transit key  {Markup.Escape(served.Keys.Transit.Kid)}");
                console.MarkupLine($"signing keys {Markup.Escape(string.Join(", ", served.Keys.Signing.Select(k => k.Kid)))}");
                foreach (var failure in result.Failures)
                {
                    console.MarkupLine($"[red]{Markup.Escape(failure.Rule)}[/]: {Markup.Escape(failure.Detail)}");
                }
            });
            return result.Trusted ? ExitCodes.Ok : ExitCodes.Refused;
        });
        return command;
    }

    private static HashSet<string> ReadMeasurements(string[] given, FileInfo? file)
    {
        var lines = given.ToList();
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliUsageException($"The measurement file {file.FullName} does not exist.");
            }

            lines.AddRange(File.ReadLines(file.FullName).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0));
        }

        if (lines.Count == 0)
        {
            throw new CliUsageException("Give the approved measurements with --measurement HEX or --measurement-file FILE.");
        }

        foreach (var line in lines)
        {
            if (line.Length != 96 || !line.All(Uri.IsHexDigit))
            {
                throw new CliUsageException($"'{line}' is not a measurement (48 bytes, 96 hex digits).");
            }
        }

        return lines.Select(l => l.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private static SnpTrustRoot ReadRoot(FileInfo file)
    {
        try
        {
            return SnpTrustRoot.FromPemBundle(Encoding.ASCII.GetString(File.ReadAllBytes(file.FullName)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            throw new CliUsageException($"The extra root bundle {file.FullName} is not usable: {e.Message}");
        }
    }
}
