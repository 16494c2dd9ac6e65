namespace Governance.Attestation.Snp.Simulation;

/// <summary>
/// Plays the kernel's part of configfs-tsm over an ordinary folder, with a simulated SEV-SNP platform
/// signing the reports: each new entry gets <c>generation</c> and <c>provider</c>; once 64 bytes are written
/// to its <c>inblob</c>, it gets <c>auxblob</c> (the certificate table) and then <c>outblob</c> (a report
/// signed with that REPORT_DATA). A guest (the agent, or the service in confidential mode) reads it through
/// exactly the code it uses on a real guest.
/// </summary>
public sealed class SimulatedTsmReportProvider : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private readonly SimulatedSnpPlatform _platform;
    private readonly Func<AttestationReport, AttestationReport> _shape;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, EntryState> _entries = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public SimulatedTsmReportProvider(string reportDirectory, SimulatedSnpPlatform platform, Func<AttestationReport, AttestationReport>? shape = null)
    {
        ReportDirectory = reportDirectory;
        _platform = platform;
        _shape = shape ?? (r => r);
        Directory.CreateDirectory(reportDirectory);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public string ReportDirectory { get; }

    /// <summary>Reports produced so far.</summary>
    public int ReportsSigned { get; private set; }

    /// <summary>When set, another writer is simulated: generation jumps by one more than the agent's writes.</summary>
    public bool SimulateConcurrentWriter { get; set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Scan();
            }
            catch (IOException)
            {
                // An entry removed while being answered: nothing to answer any more.
            }
            catch (UnauthorizedAccessException)
            {
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private void Scan()
    {
        var present = Directory.GetDirectories(ReportDirectory);
        foreach (var gone in _entries.Keys.Except(present, StringComparer.Ordinal).ToList())
        {
            _entries.Remove(gone);
        }

        foreach (var entry in present)
        {
            if (!_entries.TryGetValue(entry, out var state))
            {
                WriteAtomically(entry, "provider", "sev_guest\n"u8.ToArray());
                WriteAtomically(entry, "generation", "0\n"u8.ToArray());
                _entries[entry] = state = new EntryState();
            }

            if (state.Answered)
            {
                continue;
            }

            var inblob = Path.Combine(entry, "inblob");
            if (!File.Exists(inblob))
            {
                continue;
            }

            var reportData = File.ReadAllBytes(inblob);
            if (reportData.Length != 64)
            {
                continue;
            }

            var writes = File.Exists(Path.Combine(entry, "privlevel")) ? 2 : 1;
            var vmpl = writes == 2 ? uint.Parse(File.ReadAllText(Path.Combine(entry, "privlevel")).Trim(), CultureInfo.InvariantCulture) : 0u;
            var report = _shape(_platform.NewReport() with { ReportData = reportData, Vmpl = vmpl });
            var generation = writes + (SimulateConcurrentWriter ? 1 : 0);
            WriteAtomically(entry, "generation", System.Text.Encoding.ASCII.GetBytes($"{generation}\n"));
            WriteAtomically(entry, "auxblob", _platform.CertificateTable());
            WriteAtomically(entry, "outblob", _platform.SignReport(report));
            state.Answered = true;
            ReportsSigned++;
        }
    }

    private static void WriteAtomically(string entry, string attribute, byte[] content)
    {
        var temporary = Path.Combine(entry, $".{attribute}.tmp");
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, Path.Combine(entry, attribute), overwrite: true);
    }

    private sealed class EntryState
    {
        public bool Answered { get; set; }
    }
}
