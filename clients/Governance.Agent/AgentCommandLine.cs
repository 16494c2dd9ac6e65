using Governance.GuestEvidence;

namespace Governance.Agent;

/// <summary>
/// `governance-agent release --service URL --contract ID --out DIR`: the clean room image's own command, without the
/// admin CLI. It prints the outcome as JSON for the workload's start-up script; exit 0 released, 1 refused (no evidence,
/// the service said no, or the receipt does not check out), 2 bad input, 3 service unreachable.
/// `governance-agent watch` releases the same way, then checks consent every `--interval` with the wrapping key it keeps
/// in memory; when execution is paused or the contract is no longer in force it deletes the released files, prints why
/// as JSON and exits 1.
/// </summary>
public static class AgentCommandLine
{
    public const int Released = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;

    /// <param name="handler">The network handler for the service and the attestation provider (tests: the in-process service); null for real sockets.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<HttpMessageHandler>? handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var options = new ReleaseOptions();
        var service = new Option<string>("--service") { Description = "The governance service's base URL.", Required = true, HelpName = "URL" };
        var release = new Command("release", "Attest this VM, obtain the contract's secrets and write them to a folder.") { service };
        options.AddTo(release);
        release.SetAction((parseResult, ct) => RunAgentAsync(parseResult, options, service, stdout, stderr, handler, async (client, files, ct2) =>
        {
            using var wrappingKey = WrappingKeyPair.Create();
            await ReleaseAsync(client, parseResult, options, files, wrappingKey, stdout, handler, ct2);
            return Released;
        }, ct));
        var watch = new Command("watch", "Release as `release` does, then check consent every --interval; stop, deleting the released files, when paused or revoked.")
        {
            service,
            options.Interval,
        };
        options.AddTo(watch);
        watch.SetAction((parseResult, ct) => RunAgentAsync(parseResult, options, service, stdout, stderr, handler, async (client, files, ct2) =>
        {
            using var wrappingKey = WrappingKeyPair.Create();
            var released = await ReleaseAsync(client, parseResult, options, files, wrappingKey, stdout, handler, ct2);
            var keys = files.PinnedKeys ?? await client.ServiceKeys.ListAsync(ct2);
            var stopped = await new ConsentWatcher(client, keys, TimeProvider.System)
                .WatchAsync(released, wrappingKey, parseResult.GetRequiredValue(options.Interval), ct2);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(stopped, GovernanceJson.Indented));
            return Refused;
        }, ct));
        var root = new RootCommand("governance-agent: attested key release inside a confidential clean room VM.") { release, watch };

        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            return Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    private static async Task<ReleaseOutcome> ReleaseAsync(
        GovernanceClient client, ParseResult parseResult, ReleaseOptions options, ReleaseRequestFiles files, WrappingKeyPair wrappingKey, TextWriter stdout,
        Func<HttpMessageHandler>? handler, CancellationToken cancellationToken)
    {
        var outcome = await new ReleaseAgent(client, options.SelectEvidence(parseResult, handler?.Invoke()), files.PinnedKeys).ReleaseAsync(
            parseResult.GetRequiredValue(options.Contract), parseResult.GetRequiredValue(options.Output), files.Manifest, wrappingKey, cancellationToken);
        await stdout.WriteLineAsync(JsonSerializer.Serialize(outcome, GovernanceJson.Indented));
        return outcome;
    }

    /// <summary>Runs <paramref name="body"/> with a client of the service the options name, mapping failures to exit codes.</summary>
    private static async Task<int> RunAgentAsync(
        ParseResult parseResult, ReleaseOptions options, Option<string> service, TextWriter stdout, TextWriter stderr, Func<HttpMessageHandler>? handler,
        Func<GovernanceClient, ReleaseRequestFiles, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var serviceUrl = parseResult.GetRequiredValue(service);
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var serviceUri) || (serviceUri.Scheme != Uri.UriSchemeHttp && serviceUri.Scheme != Uri.UriSchemeHttps))
        {
            await stderr.WriteLineAsync($"error: '{serviceUrl}' is not an http(s) URL.");
            return Usage;
        }

        try
        {
            var files = await options.ReadFilesAsync(parseResult, cancellationToken);
            using var client = new GovernanceClient(serviceUri, AnonymousTokenProvider.Instance, handler?.Invoke());
            if (files.Trust is { } trust)
            {
                // Before any evidence leaves the VM: the service must prove it is an approved build, and its receipt
                // must then verify with the signing keys that proof binds (unless a key set was pinned explicitly).
                var attested = await client.Service.RequireTrustedAsync(trust, cancellationToken);
                files = files with { PinnedKeys = files.PinnedKeys ?? new ServiceJwkSet(attested.Keys.Signing) };
            }

            return await body(client, files, cancellationToken);
        }
        catch (Exception exception) when (exception is EvidenceUnavailableException or ReceiptRejectedException or GovernanceApiException)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}");
            // A refused release names the rules it broke; the VM's operator needs them to tell a stale report from a policy.
            foreach (var failure in (exception as GovernanceApiException)?.GetExtension<List<ReleaseRefusal>>("failures") ?? [])
            {
                await stderr.WriteLineAsync($"  {failure.Rule}: {failure.Detail}");
            }

            return Refused;
        }
        catch (ServiceNotTrustedException exception)
        {
            await stderr.WriteLineAsync("error: the service is not trusted; no evidence was submitted.");
            foreach (var failure in exception.Result.Failures)
            {
                await stderr.WriteLineAsync($"  {failure.Rule}: {failure.Detail}");
            }

            return Refused;
        }
        catch (GovernanceUnreachableException exception)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}");
            return Unreachable;
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}");
            return Usage;
        }
    }
}
