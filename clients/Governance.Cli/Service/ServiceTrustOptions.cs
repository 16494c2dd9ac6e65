namespace Governance.Cli.Service;

/// <summary>
/// The options that say which service builds the caller trusts (approved measurements, and in development a
/// simulated platform's root), and the one way commands check a service against them before trusting it.
/// </summary>
internal sealed class ServiceTrustOptions
{
    public ServiceTrustOptions(string measurementOption, string measurementDescription)
    {
        Measurements = new Option<string[]>(measurementOption) { Description = measurementDescription };
    }

    public Option<string[]> Measurements { get; }

    public Option<FileInfo?> MeasurementFile { get; } = new("--measurement-file") { Description = "A file of approved service measurements, one per line (# starts a comment)." };

    public Option<FileInfo?> ExtraRoot { get; } = new("--extra-root") { Description = "Development only: also trust this ARK (+ ASK) PEM bundle, e.g. a simulated platform's." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Measurements);
        command.Add(MeasurementFile);
        command.Add(ExtraRoot);
    }

    /// <summary>Whether the caller named any approved measurement (the check is asked for).</summary>
    public bool Given(ParseResult parse) => (parse.GetValue(Measurements)?.Length ?? 0) > 0 || parse.GetValue(MeasurementFile) is not null;

    /// <summary>Fresh evidence over a random nonce, and the verdict on it.</summary>
    public async Task<(ServiceAttestation Served, ServiceCheckResult Result)> CheckAsync(ParseResult parse, GovernanceClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(client);
        return await client.Service.VerifyAsync(Read(parse), cancellationToken);
    }

    /// <summary>The builds and roots the options name, for a service check or one that needs no service (e.g. of an export).</summary>
    /// <exception cref="CliUsageException">No measurement given, or one (or the root bundle) is unreadable.</exception>
    public ServiceTrust Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return ReadTrust(parse.GetValue(Measurements) ?? [], parse.GetValue(MeasurementFile), parse.GetValue(ExtraRoot));
    }

    private ServiceTrust ReadTrust(string[] given, FileInfo? file, FileInfo? extraRoot)
    {
        try
        {
            var lines = given.ToList();
            if (file is not null)
            {
                lines.AddRange(File.ReadLines(file.FullName).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0));
            }

            return lines.Count == 0
                ? throw new CliUsageException($"Give the approved measurements with {Measurements.Name} HEX or --measurement-file FILE.")
                : ServiceTrust.Parse(lines, extraRoot is null ? null : File.ReadAllText(extraRoot.FullName));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
