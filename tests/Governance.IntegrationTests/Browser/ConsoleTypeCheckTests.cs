using System.Diagnostics;

namespace Governance.IntegrationTests.Browser;

/// <summary>
/// The console's modules are served as written (api/WebConsole/assets, so the service builds without Node.js): plain
/// JavaScript whose JSDoc types TypeScript's compiler checks without emitting anything (clients/web-console/tsconfig.json).
/// Where the compiler is installed (<c>npm ci</c> in clients/web-console/), every served module must be among those it
/// checked, and pass.
/// </summary>
public sealed class ConsoleTypeCheckTests
{
    private static readonly string Root = HeadlessChromium.SolutionFolder();
    private static readonly string Project = Path.Combine(Root, "clients", "web-console");
    private static readonly string Assets = Path.Combine(Root, "api", "WebConsole", "assets");

    [Fact]
    public async Task Every_served_module_passes_the_type_check_where_the_compiler_is_installed()
    {
        var compiler = Path.Combine(Project, "node_modules", "typescript", "bin", "tsc");
        if (!File.Exists(compiler))
        {
            return;
        }

        using var tsc = Process.Start(new ProcessStartInfo("node", [compiler, "-p", Path.Combine(Project, "tsconfig.json"), "--listFiles"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = tsc.StandardOutput.ReadToEndAsync();
        var errors = tsc.StandardError.ReadToEndAsync();
        await tsc.WaitForExitAsync();
        var messages = await output + await errors;
        Assert.True(tsc.ExitCode == 0, messages);

        // A check that reads none of the served modules passes too: each must be in the list of files it read.
        var checkedFiles = messages.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        foreach (var module in Directory.GetFiles(Assets, "*.js"))
        {
            Assert.True(checkedFiles.Contains(Path.GetFullPath(module)), $"{Path.GetFileName(module)} is served but not type-checked by clients/web-console/tsconfig.json.");
        }
    }
}
