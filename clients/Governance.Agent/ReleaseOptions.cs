using Governance.GuestEvidence;

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

    public Option<string> Tpm { get; } = new("--tpm")
    {
        Description = "azure-cvm: the vTPM, a device or tcp:ADDRESS:PORT (a software TPM's command port).",
        DefaultValueFactory = _ => TpmDeviceTransport.DefaultPath,
        HelpName = "DEVICE|tcp:ADDRESS:PORT",
    };

    public Option<string> Thim { get; } = new("--thim")
    {
        Description = "azure-cvm: where the host publishes the VCEK chain (Azure's instance metadata THIM endpoint).",
        DefaultValueFactory = _ => ThimCertificates.DefaultEndpoint,
        HelpName = "URL",
    };

    public Option<string?> Maa { get; } = new("--maa")
    {
        Description = "maa-token: the Azure Attestation provider (https://<name>.<region>.attest.azure.net) that attests the vTPM's report.",
        HelpName = "URL",
    };

    public Option<int?> PrivilegeLevel { get; } = new("--privlevel") { Description = "VMPL to request the report for (default: the agent's own).", HelpName = "0-3" };

    public Option<string?> Manifest { get; } = new("--manifest") { Description = "Launch manifest whose SHA-256 is HOST_DATA (contracts with a custom runtime).", HelpName = "FILE" };

    public Option<string?> ServiceKeys { get; } = new("--service-keys")
    {
        Description = "The service's key set (GET /keys) the VM was given; the receipt must verify with it. Default: read it from the service.",
        HelpName = "FILE",
    };

    public Option<string[]> ServiceMeasurements { get; } = new("--service-measurement")
    {
        Description = "An approved measurement of the governance service (96 hex digits; repeat for several). The service's own evidence "
            + "is checked before any evidence is submitted, and the receipt must verify with the signing keys that evidence binds.",
        HelpName = "HEX",
    };

    public Option<string?> ServiceExtraRoot { get; } = new("--service-extra-root")
    {
        Description = "Development only: also trust this ARK (+ ASK) PEM bundle for the service's evidence, e.g. a simulated platform's.",
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
        foreach (var option in new Option[] { Contract, Output, TsmPath, DevicePath, Evidence, Tpm, Thim, Maa, PrivilegeLevel, Manifest, ServiceKeys, ServiceMeasurements, ServiceExtraRoot })
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
        return new ReleaseRequestFiles(manifest, keysPath is null ? null : await ReadKeySetAsync(keysPath, cancellationToken), await ReadTrustAsync(parseResult, cancellationToken));
    }

    /// <exception cref="FormatException">A measurement is not 96 hex digits, or the root bundle is not a PEM ARK (+ ASK).</exception>
    private async Task<ServiceTrust?> ReadTrustAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var measurements = parseResult.GetValue(ServiceMeasurements) ?? [];
        var rootPath = parseResult.GetValue(ServiceExtraRoot);
        return measurements.Length == 0
            ? null
            : ServiceTrust.Parse(measurements, rootPath is null ? null : await File.ReadAllTextAsync(rootPath, cancellationToken));
    }

    /// <summary>The evidence source the options name (configfs-tsm, /dev/sev-guest, an Azure vTPM, or the first SEV-SNP device present).</summary>
    /// <exception cref="FormatException">--tpm is not a device path or tcp:ADDRESS:PORT, or --thim or --maa not an http(s) URL.</exception>
    /// <param name="handler">The network handler for the attestation provider (tests: one that trusts a local provider); null for real sockets.</param>
    public IEvidenceSource SelectEvidence(ParseResult parseResult, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var maa = parseResult.GetValue(Maa) is { } provider ? new MaaAttestationClient(HttpUrl(Maa, provider), handler) : null;
        var azure = new AzureCvmSettings(TpmAddress.Parse(parseResult.GetRequiredValue(Tpm)), new ThimCertificates(HttpUrl(Thim, parseResult.GetRequiredValue(Thim))), maa);
        return EvidenceSources.Select(
            parseResult.GetRequiredValue(Evidence), parseResult.GetRequiredValue(TsmPath), parseResult.GetRequiredValue(DevicePath), parseResult.GetValue(PrivilegeLevel), azure);
    }

    private static Uri HttpUrl(Option option, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"{option.Name} '{value}' is not an http(s) URL.");

    private static Option<string> CreateEvidence()
    {
        var source = new Option<string>("--evidence")
        {
            Description = "Where the evidence comes from: configfs-tsm, /dev/sev-guest, an Azure confidential VM's vTPM (azure-cvm), a token for it from --maa (maa-token), or the first SEV-SNP device present.",
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
/// <param name="Trust">The service builds the VM trusts, when any were named.</param>
public sealed record ReleaseRequestFiles(byte[]? Manifest, ServiceJwkSet? PinnedKeys, ServiceTrust? Trust);
