using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Governance.Persistence.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster of the machine's own binaries, in a folder of ours, listening on loopback only.
/// Used by `dotnet run --project api` when no connection string is configured, and by the test fixture.
/// PostgreSQL refuses to run as root, so under root the cluster runs as the `postgres` system user.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable, IDisposable
{
    private readonly string _binDirectory;
    private readonly bool _deleteOnDispose;
    private bool _stopped;

    private LocalPostgresCluster(string dataDirectory, int port, string binDirectory, bool deleteOnDispose)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _binDirectory = binDirectory;
        _deleteOnDispose = deleteOnDispose;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>
    /// Superuser connection to the cluster's default database, trust authentication, over the cluster's Unix
    /// socket: the service and the cluster share the machine, and a local socket round trip costs the kernel
    /// far less than one over loopback TCP (the cluster also listens on 127.0.0.1 for other tools).
    /// </summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host={SocketDirectory};Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    private string SocketDirectory => Path.Combine(DataDirectory, "sock");

    /// <summary>Creates the cluster if the folder is empty, then starts it on a free loopback port.</summary>
    public static LocalPostgresCluster Start(string dataDirectory, bool deleteOnDispose)
    {
        var binDirectory = PostgresBinaries.FindBinDirectory();
        var asPostgresUser = IsRoot();
        Directory.CreateDirectory(dataDirectory);
        var socketDirectory = Path.Combine(dataDirectory, "sock");
        var pgData = Path.Combine(dataDirectory, "data");

        if (asPostgresUser)
        {
            // initdb insists on owning the folder it initialises.
            Run("chown", ["-R", "postgres:postgres", dataDirectory], asPostgresUser: false);
        }

        if (!File.Exists(Path.Combine(pgData, "PG_VERSION")))
        {
            Run(Path.Combine(binDirectory, "initdb"),
                ["-D", pgData, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                asPostgresUser);
        }

        Directory.CreateDirectory(socketDirectory);
        if (asPostgresUser)
        {
            Run("chown", ["postgres:postgres", socketDirectory], asPostgresUser: false);
        }

        var port = FreeLoopbackPort();
        var options = $"-p {port} -k {socketDirectory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        Run(Path.Combine(binDirectory, "pg_ctl"),
            ["-D", pgData, "-o", options, "-l", Path.Combine(dataDirectory, "postgres.log"), "-w", "-t", "60", "start"],
            asPostgresUser);

        if (deleteOnDispose)
        {
            StartWatchdog(dataDirectory, pgData, binDirectory, asPostgresUser);
        }

        return new LocalPostgresCluster(dataDirectory, port, binDirectory, deleteOnDispose);
    }

    /// <summary>
    /// A throwaway cluster must not outlive its owner even when the owner is killed before it can stop it
    /// (a test host torn down mid-run): a small shell loop stops and removes it once our process is gone.
    /// </summary>
    private static void StartWatchdog(string dataDirectory, string pgData, string binDirectory, bool asPostgresUser)
    {
        var stop = $"{(asPostgresUser ? "runuser -u postgres -- " : "")}'{Path.Combine(binDirectory, "pg_ctl")}' -D '{pgData}' -m immediate stop";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; " +
                     $"if [ -d '{pgData}' ]; then {stop} >/dev/null 2>&1; rm -rf '{dataDirectory}'; fi";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "bash", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        using var watchdog = Process.Start(start);
        watchdog?.StandardOutput.Close();
        watchdog?.StandardError.Close();
    }

    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            Run(Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", Path.Combine(DataDirectory, "data"), "-m", "fast", "-w", "stop"], IsRoot());
        }
        catch (InvalidOperationException)
        {
            // Already stopped; nothing to clean up beyond the folder.
        }

        if (_deleteOnDispose)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    public void Dispose() => Stop();

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string fileName, IReadOnlyList<string> arguments, bool asPostgresUser)
    {
        var start = asPostgresUser
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", fileName } }
            : new ProcessStartInfo(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} exited with {process.ExitCode}: {stderr.Result.Trim()} {stdout.Result.Trim()}");
        }
    }
}
