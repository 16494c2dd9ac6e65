namespace Governance.Api.Hosting.Development;

/// <summary>
/// The simulated SEV-SNP chip a development service runs "inside" (<c>Governance:Confidential:Simulated</c>), kept in
/// one folder: the chip's secret and the build's launch measurement are made at the first start and read at every
/// later one, so a restart of the same checkout gets the same sealing key and opens its own seal. The platform's
/// signing chain is made anew at each start (the simulation cannot reload it), so its ARK and ASK are written to
/// <see cref="RootFile"/> each time, for <c>--extra-root</c>.
/// </summary>
public sealed class SimulatedServiceChip : IAsyncDisposable
{
    public const string ChipSecretFileName = "chip-secret";
    public const string MeasurementFileName = "measurement.txt";
    public const string RootFileName = "simulated-root.pem";
    public const string TsmFolderName = "tsm";

    private readonly SimulatedSnpPlatform platform;
    private readonly SimulatedTsmReportProvider provider;

    private SimulatedServiceChip(string folder, byte[] chipSecret, byte[] measurement)
    {
        Folder = folder;
        Measurement = measurement;
        SealingKey = new SimulatedSealingKeySource(chipSecret, measurement);
        // CHIP_ID follows the chip's secret, so reports of one folder name one chip across restarts.
        platform = SimulatedSnpPlatform.Create(SnpProduct.Milan, new SimulatedPlatformOptions { ChipId = SHA512.HashData(chipSecret) });
        RootFile = Path.Combine(folder, RootFileName);
        File.WriteAllText(RootFile, platform.Ark.ExportCertificatePem() + "\n" + platform.Ask.ExportCertificatePem() + "\n");
        provider = new SimulatedTsmReportProvider(TsmPath(folder), platform, report => report with { Measurement = measurement });
    }

    public string Folder { get; }

    /// <summary>The simulated build's launch measurement (stored in <see cref="MeasurementFileName"/> as hex).</summary>
    public byte[] Measurement { get; }

    public string MeasurementHex => Convert.ToHexStringLower(Measurement);

    public string MeasurementFile => Path.Combine(Folder, MeasurementFileName);

    /// <summary>The simulated platform's ARK and ASK (PEM), a bundle for <c>--extra-root</c>.</summary>
    public string RootFile { get; }

    public SimulatedSealingKeySource SealingKey { get; }

    /// <summary>Where the simulated kernel answers configfs-tsm reports.</summary>
    public string ReportDirectory => provider.ReportDirectory;

    /// <summary>The configfs-tsm folder of a chip kept in <paramref name="folder"/>.</summary>
    public static string TsmPath(string folder) => Path.Combine(folder, TsmFolderName);

    /// <summary>Opens the chip kept in <paramref name="folder"/>, making its secret and measurement on first use.</summary>
    public static SimulatedServiceChip Open(string folder)
    {
        Directory.CreateDirectory(folder);
        var chipSecret = ReadOrCreate(Path.Combine(folder, ChipSecretFileName), () => RandomNumberGenerator.GetBytes(32), File.ReadAllBytes, File.WriteAllBytes);
        var measurement = ReadOrCreate(
            Path.Combine(folder, MeasurementFileName),
            () => RandomNumberGenerator.GetBytes(48),
            path => Convert.FromHexString(File.ReadAllText(path).Trim()),
            (path, value) => File.WriteAllText(path, Convert.ToHexStringLower(value) + "\n"));
        return new SimulatedServiceChip(folder, chipSecret, measurement);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        platform.Dispose();
    }

    private static byte[] ReadOrCreate(string path, Func<byte[]> create, Func<string, byte[]> read, Action<string, byte[]> write)
    {
        if (File.Exists(path))
        {
            return read(path);
        }

        var value = create();
        write(path, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return value;
    }
}
