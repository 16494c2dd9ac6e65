using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Governance.GuestEvidence.Tpm;

namespace Governance.IntegrationTests.Agent.Azure;

/// <summary>
/// A TPM 2.0 of its own for a test class: Debian's swtpm on loopback ports, with a throwaway state folder, started
/// and (with <c>not-need-init,startup-clear</c>) initialised, so TPM commands may be sent at once; stopped by its
/// process id.
/// </summary>
public sealed class SoftwareTpm : IAsyncLifetime
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "swtpm-" + Guid.NewGuid().ToString("N"));
    private Process? process;

    /// <summary>The command port (raw TPM commands).</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(state);
        var port = FreePort();
        var control = FreePort();
        var start = new ProcessStartInfo("swtpm")
        {
            ArgumentList =
            {
                "socket", "--tpm2",
                "--server", $"type=tcp,port={port},bindaddr=127.0.0.1",
                "--ctrl", $"type=tcp,port={control},bindaddr=127.0.0.1",
                "--tpmstate", $"dir={state}",
                "--flags", "not-need-init,startup-clear",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("swtpm did not start (is Debian's swtpm package installed?).");
        Endpoint = new IPEndPoint(IPAddress.Loopback, port);

        // swtpm listens once it has initialised; wait for the port (bounded).
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var transport = await TpmStreamTransport.ConnectAsync(Endpoint, CancellationToken.None);
                _ = await new TpmClient(transport).GetNvBufferMaxAsync(CancellationToken.None);
                return;
            }
            catch (TpmException) when (attempt < 100 && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A client on a connection of its own; swtpm serves one connection at a time, so dispose it before the next.</summary>
    public async Task<(TpmClient Client, ITpmTransport Connection)> ConnectAsync()
    {
        var transport = await TpmStreamTransport.ConnectAsync(Endpoint, CancellationToken.None);
        return (new TpmClient(transport), transport);
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Directory.Delete(state, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
