using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// The files an operator deploys with, read from the repository the tests were built from: docker-compose.yml,
/// api/Dockerfile, deploy/, and the README's command blocks, which the tests run as written.
/// </summary>
internal static partial class DeploymentFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Readme => File.ReadAllText(PathOf("README.md"));

    public static YamlMappingNode Compose()
    {
        using var reader = new StreamReader(PathOf("docker-compose.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlMappingNode child
            ? child
            : throw new Xunit.Sdk.XunitException($"'{key}' is missing or not a mapping");

    public static YamlNode? Find(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(this YamlNode node, string key) => (node.Find(key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<string> Strings(this YamlNode node, string key) => node.Find(key) switch
    {
        YamlSequenceNode list => [.. list.Children.Select(c => c is YamlScalarNode s ? s.Value ?? "" : c.ToString())],
        YamlScalarNode scalar => [scalar.Value ?? ""],
        _ => [],
    };

    /// <summary>The ```sh blocks of the README section that starts with the heading line <paramref name="heading"/>.</summary>
    public static IReadOnlyList<string> ShellBlocks(string heading)
    {
        var readme = Readme;
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{heading}'");
        var next = NextHeading().Match(readme, start + heading.Length + 2);
        var section = next.Success ? readme[start..next.Index] : readme[start..];
        return [.. ShellBlock().Matches(section).Select(m => m.Groups[1].Value)];
    }

    /// <summary>
    /// The README's commands that run inside the postgres container, as the container would run them: without the
    /// <c>docker compose exec -T postgres</c> prefix, which only says where.
    /// </summary>
    public static IReadOnlyList<string> PostgresContainerCommands(string heading)
    {
        const string prefix = "docker compose exec -T postgres ";
        return [.. ShellBlocks(heading).SelectMany(b => b.Split('\n')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..])];
    }

    /// <summary>Runs <paramref name="script"/> with bash in <paramref name="directory"/>; returns the exit code and all output.</summary>
    public static async Task<(int ExitCode, string Output)> BashAsync(string script, string directory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return await RunAsync(start);
    }

    /// <summary>The service's own entry point, <c>dotnet Governance.Api.dll</c>, as the image runs it.</summary>
    public static async Task<(int ExitCode, string Output)> ServiceAsync(IReadOnlyList<string> args, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ApiAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ConnectionStrings__Governance");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await RunAsync(start);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>The service as built beside this test run (same configuration).</summary>
    private static string ApiAssembly()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var assembly = Path.Combine(Root, "api", "bin", configuration, "net10.0", "Governance.Api.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is not built");
        return assembly;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Governance.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Governance.sln) is not above the test output.");
    }

    [GeneratedRegex(@"^#{2,3} ", RegexOptions.Multiline)]
    private static partial Regex NextHeading();

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
