using System.CommandLine;
using System.Text.Json;
using Governance.Agent.Evidence;
using Governance.Protocol.Audit;

namespace Governance.Agent;

/// <summary>
/// The release's command-line options, declared once for both front ends: `governance-agent release` in the clean
/// room image and `governance vm release` in the admin CLI.
/// </summary>
public sealed class ReleaseOptions
{
    public Option<string> Contract { get; } = new("--contract") { Description = "Id of the accepted contract to release.", Required = true, HelpName = "ID" };

    public Option<string> Output { get; } = new("--out") { Description = "Folder for the secrets (files 0600), dataset descriptors and the receipt.", Required = true, HelpName = "DIR" };

    public Option<string> TsmPath { get; } = new("--tsm-path")
    {
        Description = "configfs-tsm report folder.",
        DefaultValueFactory = _ => ConfigfsTsmEvidenceSource.DefaultPath,
        HelpName = "DIR",
    };

    public Option<string> DevicePath { get; } = new("--sev-guest-path")
    {
        Description = "The sev-guest device.",
        DefaultValueFactory = _ => SevGuestEvidenceSource.DefaultPath,
        HelpName = "FILE",
    };

    public Option<string> Evidence { get; } = CreateEvidence();

    public Option<int?> PrivilegeLevel { get; } = new("--privlevel") { Description = "VMPL to request the report for (default: the agent's own).", HelpName = "0-3" };

    public Option<string?> Manifest { get; } = new("--manifest") { Description = "Launch manifest whose SHA-256 is HOST_DATA (contracts with a custom runtime).", HelpName = "FILE" };

    public Option<string?> ServiceKeys { get; } = new("--service-keys")
    {
        Description = "The service's key set (GET /keys) the VM was given; the receipt must verify with it. Default: read it from the service.",
        HelpName = "FILE",
    };

    /// <summary>How often `watch` checks consent; only `watch` takes it.</summary>
    public Option<TimeSpan> Interval { get; } = new("--interval")
    {
        Description = "How often to check consent (watch), e.g. 00:00:30.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
        HelpName = "TIME",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Contract, Output, TsmPath, DevicePath, Evidence, PrivilegeLevel, Manifest, ServiceKeys })
        {
            command.Add(option);
        }
    }

    /// <summary>Reads the manifest and the pinned key set named on the command line.</summary>
    /// <exception cref="FormatException">The key set file is not a JWK set.</exception>
    public async Task<ReleaseRequestFiles> ReadFilesAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var manifestPath = parseResult.GetValue(Manifest);
        var manifest = manifestPath is null ? null : await File.ReadAllBytesAsync(manifestPath, cancellationToken);
        var keysPath = parseResult.GetValue(ServiceKeys);
        return new ReleaseRequestFiles(manifest, keysPath is null ? null : await ReadKeySetAsync(keysPath, cancellationToken));
    }

    /// <summary>The evidence source the options name (configfs-tsm, /dev/sev-guest, or the first present).</summary>
    public IEvidenceSource SelectEvidence(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return EvidenceSources.Select(parseResult.GetRequiredValue(Evidence), parseResult.GetRequiredValue(TsmPath), parseResult.GetRequiredValue(DevicePath), parseResult.GetValue(PrivilegeLevel));
    }

    private static Option<string> CreateEvidence()
    {
        var source = new Option<string>("--evidence")
        {
            Description = "Where the report comes from: configfs-tsm, /dev/sev-guest, or the first present.",
            DefaultValueFactory = _ => EvidenceSources.Auto,
        };
        source.AcceptOnlyFromAmong([.. EvidenceSources.Modes]);
        return source;
    }

    private static async Task<ServiceJwkSet> ReadKeySetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<ServiceJwkSet>(file, AuditJson.Options, cancellationToken)
                ?? throw new FormatException($"{path} holds no key set.");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{path} is not a JWK set as GET /keys returns it: {exception.Message}", exception);
        }
    }
}

/// <param name="Manifest">The launch manifest's bytes, when one was named.</param>
/// <param name="PinnedKeys">The service key set the VM was given, when one was named.</param>
public sealed record ReleaseRequestFiles(byte[]? Manifest, ServiceJwkSet? PinnedKeys);
