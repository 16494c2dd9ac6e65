namespace Governance.GuestEvidence;

/// <summary>
/// SEV-SNP reports through Linux configfs-tsm (<c>/sys/kernel/config/tsm/report</c>): create an entry,
/// optionally write <c>privlevel</c>, write the 64 bytes to <c>inblob</c>, read <c>outblob</c> (the report) and
/// <c>auxblob</c> (the certificate table), and check that <c>generation</c> counted exactly our writes — if
/// another process wrote to the entry in between, the report may not carry our data. Then remove the entry.
/// </summary>
public sealed class ConfigfsTsmEvidenceSource(string reportDirectory, int? privilegeLevel = null, TimeSpan? attributeTimeout = null) : IEvidenceSource
{
    public const string DefaultPath = "/sys/kernel/config/tsm/report";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private readonly TimeSpan _attributeTimeout = attributeTimeout ?? TimeSpan.FromSeconds(10);

    public async Task<CleanRoomEvidence> GetEvidenceAsync(ReadOnlyMemory<byte> binding, CancellationToken cancellationToken) =>
        await GetReportAsync(binding, cancellationToken);

    public string Name => "configfs-tsm";

    public string ReportDirectory { get; } = reportDirectory;

    public static bool IsPresent(string reportDirectory) => Directory.Exists(reportDirectory);

    /// <summary>A signed report whose REPORT_DATA is <paramref name="reportData"/> (64 bytes), with the certificates the host supplies.</summary>
    public async Task<SnpHardwareEvidence> GetReportAsync(ReadOnlyMemory<byte> reportData, CancellationToken cancellationToken)
    {
        if (reportData.Length != 64)
        {
            throw new ArgumentException("REPORT_DATA is 64 bytes.", nameof(reportData));
        }

        if (!IsPresent(ReportDirectory))
        {
            throw new EvidenceUnavailableException(
                $"configfs-tsm: {ReportDirectory} does not exist (is configfs mounted at /sys/kernel/config and is this kernel built with CONFIG_TSM_REPORTS?).");
        }

        var entry = Path.Combine(ReportDirectory, "governance-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        try
        {
            Directory.CreateDirectory(entry);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceUnavailableException($"configfs-tsm: cannot create {entry}: {exception.Message} (root is usually needed).", exception);
        }

        try
        {
            return await ReadReportAsync(entry, reportData, cancellationToken);
        }
        finally
        {
            RemoveEntry(entry);
        }
    }

    private async Task<SnpHardwareEvidence> ReadReportAsync(string entry, ReadOnlyMemory<byte> reportData, CancellationToken cancellationToken)
    {
        // configfs creates the attributes with the directory; a provider still populating it is given a moment.
        var generation = Path.Combine(entry, "generation");
        var expected = ParseGeneration(await ReadWhenPresentAsync(generation, cancellationToken), generation);

        var provider = Path.Combine(entry, "provider");
        if (File.Exists(provider))
        {
            var name = (await File.ReadAllTextAsync(provider, cancellationToken)).Trim();
            if (name.Length > 0 && !name.StartsWith("sev_guest", StringComparison.Ordinal))
            {
                throw new EvidenceUnavailableException($"configfs-tsm: the report provider is '{name}', not an SEV-SNP guest (sev_guest).");
            }
        }

        if (privilegeLevel is { } level)
        {
            await File.WriteAllTextAsync(Path.Combine(entry, "privlevel"), level.ToString(CultureInfo.InvariantCulture), cancellationToken);
            expected++;
        }

        await File.WriteAllBytesAsync(Path.Combine(entry, "inblob"), reportData, cancellationToken);
        expected++;

        var report = await ReadWhenPresentAsync(Path.Combine(entry, "outblob"), cancellationToken);
        var auxblob = Path.Combine(entry, "auxblob");
        var certificates = File.Exists(auxblob) ? await File.ReadAllBytesAsync(auxblob, cancellationToken) : [];
        var actual = ParseGeneration(await File.ReadAllBytesAsync(generation, cancellationToken), generation);
        if (actual != expected)
        {
            throw new EvidenceUnavailableException(
                $"configfs-tsm: another process wrote to {entry} while the report was made (generation {actual}, expected {expected}); try again.");
        }

        if (report.Length < SnpReportLayout.Size)
        {
            throw new EvidenceUnavailableException($"configfs-tsm: outblob holds {report.Length} bytes, not an SEV-SNP report ({SnpReportLayout.Size}).");
        }

        return new SnpHardwareEvidence(report[..SnpReportLayout.Size], certificates, Name);
    }

    private async Task<byte[]> ReadWhenPresentAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _attributeTimeout;
        while (true)
        {
            try
            {
                var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
                if (bytes.Length > 0)
                {
                    return bytes;
                }
            }
            catch (FileNotFoundException)
            {
            }
            catch (IOException exception) when (DateTime.UtcNow >= deadline)
            {
                throw new EvidenceUnavailableException($"configfs-tsm: reading {path} failed: {exception.Message}", exception);
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new EvidenceUnavailableException($"configfs-tsm: {path} stayed empty for {_attributeTimeout.TotalSeconds:0.#} s; the report provider did not answer.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static long ParseGeneration(byte[] bytes, string path) =>
        long.TryParse(System.Text.Encoding.ASCII.GetString(bytes).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new EvidenceUnavailableException($"configfs-tsm: {path} does not hold a number.");

    private static void RemoveEntry(string entry)
    {
        try
        {
            // On configfs an entry is removed with rmdir alone (its attributes go with it).
            Directory.Delete(entry, recursive: false);
        }
        catch (IOException)
        {
            // Not configfs (a plain folder fed by a test signer): its files must be removed first.
            try
            {
                Directory.Delete(entry, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
