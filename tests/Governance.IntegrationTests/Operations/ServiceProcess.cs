using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Governance.LocalPostgres;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// The service as an operator runs it: `dotnet Governance.Api.dll` in a process of its own, configured through the
/// environment, listening on a free loopback port. Output is collected (stdout and stderr apart) so tests can read
/// what the service said, and the process can be ended the hard way (SIGKILL) or the polite way (SIGTERM).
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    public string StandardOutput
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>
    /// Starts the service in <paramref name="workingDirectory"/> (its content root) in Production, with no connection
    /// string unless <paramref name="environment"/> gives one; entries with a null value are removed from the environment.
    /// </summary>
    public static ServiceProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ApiAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment.Remove("ConnectionStrings__Governance");
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, line) => service.OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (service.error)
                {
                    service.error.AppendLine(line.Data);
                }
            }
        };
        process.Exited += (_, _) => service.listening.TrySetException(new InvalidOperationException("The service exited before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The address Kestrel bound (it logs "Now listening on: …"); fails with what the service said if it exits first.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await listening.Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"The service did not start listening.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}", exception);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the service gets no chance to stop anything, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a supervisor stops a service: the host shuts down in order (and stops its local cluster).</summary>
    public async Task TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await TerminateAsync();
        }

        process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>A bootstrap file founding a consortium of <paramref name="members"/>, for Governance:BootstrapFile.</summary>
    public static string WriteBootstrapFile(string folder, params Infrastructure.TestMember[] members)
    {
        var path = Path.Combine(folder, "bootstrap.json");
        var document = new
        {
            consortium = new { name = "Operations test consortium" },
            rules = new { membershipQuorum = "majority", allowUnsignedApprovalsForExternalIdentities = false },
            members = members.Select(m => new { id = m.Id, displayName = m.Id, roles = m.Roles, keys = new[] { m.PublicJwk } }),
        };
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(document));
        return path;
    }

    /// <summary>Runs pg_ctl on a cluster folder as the cluster's owner (the `postgres` user when tests run as root).</summary>
    public static void PgCtl(params string[] arguments)
    {
        var pgCtl = Path.Combine(PostgresBinaries.FindBinDirectory(), "pg_ctl");
        var asPostgres = OperatingSystem.IsLinux() && Environment.UserName == "root";
        var start = asPostgres ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", pgCtl } } : new ProcessStartInfo(pgCtl);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pg_ctl {string.Join(' ', arguments)} exited {process.ExitCode}: {stdout.Result} {stderr.Result}");
    }

    /// <summary>The service as built beside this test run (same configuration), from the repository's api folder.</summary>
    public static string ApiAssembly()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Governance.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var assembly = Path.Combine(directory.FullName, "api", "bin", configuration, "net10.0", "Governance.Api.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is not built");
        return assembly;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
