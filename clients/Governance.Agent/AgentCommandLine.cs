using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using Governance.Agent.Evidence;
using Governance.Client;
using Governance.Client.Auth;
using Governance.Client.Errors;
using Governance.Client.Service;
using Governance.Protocol.Audit;
using Governance.Protocol.Release;

namespace Governance.Agent;

/// <summary>
/// `governance-agent release --service URL --contract ID --out DIR`: the clean room image's own command, without the
/// admin CLI. It prints the outcome as JSON for the workload's start-up script; exit 0 released, 1 refused (no evidence,
/// the service said no, or the receipt does not check out), 2 bad input, 3 service unreachable.
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
        release.SetAction((parseResult, ct) => ReleaseAsync(parseResult, options, parseResult.GetRequiredValue(service), stdout, stderr, handler, ct));
        var root = new RootCommand("governance-agent: attested key release inside a confidential clean room VM.") { release };

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

    private static async Task<int> ReleaseAsync(
        ParseResult parseResult, ReleaseOptions options, string serviceUrl, TextWriter stdout, TextWriter stderr, Func<HttpMessageHandler>? handler, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service) || (service.Scheme != Uri.UriSchemeHttp && service.Scheme != Uri.UriSchemeHttps))
        {
            await stderr.WriteLineAsync($"error: '{serviceUrl}' is not an http(s) URL.");
            return Usage;
        }

        try
        {
            var files = await options.ReadFilesAsync(parseResult, cancellationToken);
            var evidence = options.SelectEvidence(parseResult, handler?.Invoke());
            using var client = new GovernanceClient(service, AnonymousTokenProvider.Instance, handler?.Invoke());
            var pinned = files.PinnedKeys;
            if (files.Trust is { } trust)
            {
                // Before any evidence leaves the VM: the service must prove it is an approved build, and its receipt
                // must then verify with the signing keys that proof binds (unless a key set was pinned explicitly).
                var attested = await client.Service.RequireTrustedAsync(trust, cancellationToken);
                pinned ??= new ServiceJwkSet(attested.Keys.Signing);
            }

            var outcome = await new ReleaseAgent(client, evidence, pinned)
                .ReleaseAsync(parseResult.GetRequiredValue(options.Contract), parseResult.GetRequiredValue(options.Output), files.Manifest, cancellationToken);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(outcome, GovernanceJson.Indented));
            return Released;
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
