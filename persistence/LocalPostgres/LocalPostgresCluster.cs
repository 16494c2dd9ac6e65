using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster of the machine's own binaries, in a folder of ours, listening on loopback only.
/// Used by `dotnet run --project api` when no connection string is configured (<see cref="LocalClusterDurability.Durable"/>),
/// and by the test fixture (<see cref="LocalClusterDurability.UnsafeFastForTests"/>).
/// PostgreSQL refuses to run as root, so under root the cluster runs as the `postgres` system user.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable, IDisposable
{
    /// <summary>The superuser's password, beside (not inside) the data folder so that a copy of the data alone does not carry it.</summary>
    public const string PasswordFileName = "superuser.password";

    private const string OwnerLockFileName = "service.lock";

    private readonly string _binDirectory;
    private readonly bool _deleteOnDispose;
    private readonly string? _password;
    private readonly FileStream? _ownerLock;
    private bool _stopped;

    private LocalPostgresCluster(string dataDirectory, int port, string binDirectory, bool deleteOnDispose, string? password, FileStream? ownerLock)
    {
        DataDirectory = dataDirectory;
        Port = port;
        _binDirectory = binDirectory;
        _deleteOnDispose = deleteOnDispose;
        _password = password;
        _ownerLock = ownerLock;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>
    /// Superuser connection to a database of the cluster over its Unix socket: the service and the cluster share the
    /// machine, and a local socket round trip costs the kernel far less than one over loopback TCP (the cluster also
    /// listens on 127.0.0.1 for other tools). A durable cluster's connection carries its password; a test cluster
    /// trusts every connection.
    /// </summary>
    public string ConnectionString(string database = "postgres")
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = SocketDirectory,
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            MaxPoolSize = 50,
        };
        if (_password is not null)
        {
            builder.Password = _password;
        }

        return builder.ConnectionString;
    }

    private string SocketDirectory => Path.Combine(DataDirectory, "sock");

    /// <summary>
    /// Creates the cluster if the folder is empty, then starts it on a free loopback port. A postmaster left running on
    /// the folder by an earlier process that was killed is stopped first. <paramref name="log"/> receives one line for
    /// each thing done beyond a plain start (an orphan stopped, a stale lock file removed, authentication changed).
    /// </summary>
    public static LocalPostgresCluster Start(string dataDirectory, LocalClusterDurability durability, bool deleteOnDispose, Action<string>? log = null)
    {
        log ??= _ => { };
        var binDirectory = PostgresBinaries.FindBinDirectory();
        var asPostgresUser = IsRoot();
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var socketDirectory = Path.Combine(dataDirectory, "sock");
        var pgData = Path.Combine(dataDirectory, "data");
        var durable = durability == LocalClusterDurability.Durable;

        var ownerLock = TakeOwnerLock(dataDirectory);
        try
        {
            var password = durable ? ReadOrCreatePassword(Path.Combine(dataDirectory, PasswordFileName)) : null;
            if (asPostgresUser)
            {
                // initdb insists on owning the folder it initialises, and reads the password file as that user.
                Run("chown", ["-R", "postgres:postgres", dataDirectory], asPostgresUser: false);
            }

            if (!File.Exists(Path.Combine(pgData, "PG_VERSION")))
            {
                string[] initdb = durable
                    ? ["-D", pgData, "-U", "postgres", "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                       $"--pwfile={Path.Combine(dataDirectory, PasswordFileName)}", "-E", "UTF8", "--locale=C"]
                    : ["-D", pgData, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"];
                Run(Path.Combine(binDirectory, "initdb"), initdb, asPostgresUser);
            }

            Directory.CreateDirectory(socketDirectory);
            if (asPostgresUser)
            {
                Run("chown", ["postgres:postgres", socketDirectory], asPostgresUser: false);
            }

            ClearLeftovers(pgData, binDirectory, asPostgresUser, log);

            var port = FreeLoopbackPort();
            var settings = durable
                ? "-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
                : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            // A test run keeps dozens of services alive at once, each with its own idle pool, over the one throwaway
            // cluster; past the limit PostgreSQL refuses new connections and a service answers 503.
            var connections = durable ? 300 : 1000;
            var options = $"-p {port} -k {socketDirectory} -c listen_addresses=127.0.0.1 -c max_connections={connections} {settings}";
            Run(Path.Combine(binDirectory, "pg_ctl"),
                ["-D", pgData, "-o", options, "-l", Path.Combine(dataDirectory, "postgres.log"), "-w", "-t", "60", "start"],
                asPostgresUser);

            var cluster = new LocalPostgresCluster(dataDirectory, port, binDirectory, deleteOnDispose, password, ownerLock);
            if (durable && UsesTrust(Path.Combine(pgData, "pg_hba.conf")))
            {
                cluster.RequirePassword(pgData);
                log($"Local PostgreSQL in {dataDirectory} trusted every local connection; it now requires the password in {Path.Combine(dataDirectory, PasswordFileName)}");
            }

            if (deleteOnDispose)
            {
                StartWatchdog(dataDirectory, pgData, binDirectory, asPostgresUser);
            }

            return cluster;
        }
        catch
        {
            ownerLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One process owns a cluster folder at a time. The lock is the kernel's (flock), so it goes with the process
    /// however that ends, kill -9 included; the postmaster does not inherit it (.NET opens files close-on-exec).
    /// </summary>
    private static FileStream TakeOwnerLock(string dataDirectory)
    {
        try
        {
            return new FileStream(Path.Combine(dataDirectory, OwnerLockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"Another running service uses the local PostgreSQL cluster in {dataDirectory}: stop it, or give this one its own folder with Database:LocalDataDirectory.");
        }
    }

    /// <summary>
    /// The previous owner may have been killed before it could stop its cluster. Its postmaster, still running on our
    /// folder, would make pg_ctl refuse to start ("another server might be running"); since we hold the owner lock, no
    /// live process uses it, so it is stopped cleanly (a fast shutdown: open transactions roll back, committed ones are
    /// already in the WAL) and started again with this run's settings. A lock file naming a process that is not a
    /// postmaster of this folder (a pid reused after a reboot) would also stop the start, so it is removed; one
    /// naming a dead process PostgreSQL replaces by itself.
    /// </summary>
    private static void ClearLeftovers(string pgData, string binDirectory, bool asPostgresUser, Action<string> log)
    {
        var pidFile = Path.Combine(pgData, "postmaster.pid");
        if (!File.Exists(pidFile) || !OperatingSystem.IsLinux())
        {
            return;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(pidFile);
        }
        catch (IOException)
        {
            return;
        }

        if (lines.Length == 0 || !int.TryParse(lines[0].Trim(), out var pid) || pid <= 0)
        {
            return;
        }

        if (!Directory.Exists($"/proc/{pid}"))
        {
            return;
        }

        if (IsPostmasterOf(pid, pgData))
        {
            Run(Path.Combine(binDirectory, "pg_ctl"), ["-D", pgData, "-m", "fast", "-w", "-t", "60", "stop"], asPostgresUser);
            log($"Stopped PostgreSQL (pid {pid}) left running on {pgData} by an earlier process that did not stop it; starting it again");
            return;
        }

        File.Delete(pidFile);
        log($"Removed {pidFile}: it named pid {pid}, which is not a PostgreSQL server of this folder");
    }

    private static bool IsPostmasterOf(int pid, string pgData)
    {
        string[] arguments;
        try
        {
            arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        if (arguments.Length == 0 || Path.GetFileName(arguments[0]) != "postgres")
        {
            return false;
        }

        var data = Array.IndexOf(arguments, "-D");
        return data >= 0 && data + 1 < arguments.Length
            && string.Equals(Path.GetFullPath(arguments[data + 1]).TrimEnd('/'), pgData.TrimEnd('/'), StringComparison.Ordinal);
    }

    /// <summary>
    /// The password file is written once, atomically, readable by its owner only; later starts read it. A password
    /// from the system's random generator, in base64url, so it needs no quoting in a connection string or SQL literal.
    /// </summary>
    private static string ReadOrCreatePassword(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }

            throw new InvalidOperationException($"{path} holds no usable password; remove it only together with the cluster folder beside it.");
        }

        var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var temporary = path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(password);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path);
        return password;
    }

    private static bool UsesTrust(string hbaFile) =>
        File.ReadLines(hbaFile)
            .Select(line => line.Split('#', 2)[0])
            .Any(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Contains("trust", StringComparer.Ordinal));

    /// <summary>
    /// A cluster made before clusters had passwords: give the superuser the generated password (stored as a SCRAM
    /// verifier, PostgreSQL's default), then replace pg_hba.conf so every connection must present it, and reload.
    /// Repeating this after an interruption is harmless: the password is the one in the file, and the check is the
    /// pg_hba.conf still trusting.
    /// </summary>
    private void RequirePassword(string pgData)
    {
        using (var connection = new NpgsqlConnection(ConnectionString()))
        {
            connection.Open();
            // SCRAM explicitly: an md5 verifier, which an old postgresql.conf could ask for, would not pass scram-sha-256 lines.
            using var alter = new NpgsqlCommand($"SET password_encryption = 'scram-sha-256'; ALTER ROLE postgres PASSWORD '{_password}'", connection);
            alter.ExecuteNonQuery();
        }

        var hba = Path.Combine(pgData, "pg_hba.conf");
        var temporary = hba + ".governance";
        File.WriteAllText(temporary, string.Join('\n',
            $"# Password (SCRAM) authentication only; the superuser's password is in ../{PasswordFileName}.",
            "local   all           all                  scram-sha-256",
            "host    all           all   127.0.0.1/32   scram-sha-256",
            "host    all           all   ::1/128        scram-sha-256",
            "local   replication   all                  scram-sha-256",
            "host    replication   all   127.0.0.1/32   scram-sha-256",
            "host    replication   all   ::1/128        scram-sha-256",
            ""));
        if (IsRoot())
        {
            Run("chown", ["postgres:postgres", temporary], asPostgresUser: false);
        }

        File.Move(temporary, hba, overwrite: true);
        using (var connection = new NpgsqlConnection(ConnectionString()))
        {
            connection.Open();
            using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            reload.ExecuteNonQuery();
        }
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

        _ownerLock?.Dispose();
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
