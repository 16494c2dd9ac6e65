namespace Governance.Api.Hosting.Development;

/// <summary>
/// Starts the simulated chip before anything asks it for a report or a sealing key, and says where its root and
/// measurement are, since a developer needs both to verify the service.
/// </summary>
internal sealed partial class SimulatedPlatformStartupTask(SimulatedServiceChip chip, ILogger<SimulatedPlatformStartupTask> logger) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        LogSimulated(logger, chip.Folder, chip.MeasurementHex, chip.MeasurementFile, chip.RootFile);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Confidential mode runs on a SIMULATED SEV-SNP platform kept in {Folder}: measurement {Measurement} (in {MeasurementFile}); its root, for --extra-root, is {RootFile} (rewritten at every start). Its evidence proves nothing outside development.")]
    private static partial void LogSimulated(ILogger logger, string folder, string measurement, string measurementFile, string rootFile);
}
