using System.Diagnostics;

namespace Governance.IntegrationTests.Browser;

/// <summary>
/// The console's built modules are committed (the service builds without Node.js), so they must be what the sources
/// compile to: one module per source file, and, where the TypeScript compiler is installed (<c>npm ci</c> in
/// clients/web-console/), byte for byte what <c>npm run build</c> writes.
/// </summary>
public sealed class ConsoleBundleTests
{
    private static readonly string Root = HeadlessChromium.SolutionFolder();
    private static readonly string Sources = Path.Combine(Root, "clients", "web-console", "src");
    private static readonly string Assets = Path.Combine(Root, "api", "WebConsole", "assets");

    [Fact]
    public void Every_source_module_has_its_built_module_and_nothing_else_is_built()
    {
        var sources = Directory.GetFiles(Sources, "*.ts").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        var built = Directory.GetFiles(Assets, "*.js").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(sources, built);
    }

    [Fact]
    public async Task The_committed_modules_are_what_the_sources_compile_to_where_the_compiler_is_installed()
    {
        var compiler = Path.Combine(Root, "clients", "web-console", "node_modules", "typescript", "bin", "tsc");
        if (!File.Exists(compiler))
        {
            return;
        }

        var output = Directory.CreateTempSubdirectory("governance-console-build-").FullName;
        try
        {
            using var tsc = Process.Start(new ProcessStartInfo("node", [compiler, "-p", Path.Combine(Root, "clients", "web-console", "tsconfig.json"), "--outDir", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var messages = await tsc.StandardOutput.ReadToEndAsync();
            await tsc.WaitForExitAsync();
            Assert.True(tsc.ExitCode == 0, messages);
            foreach (var file in Directory.GetFiles(output, "*.js"))
            {
                var committed = Path.Combine(Assets, Path.GetFileName(file));
                Assert.True(File.Exists(committed) && File.ReadAllBytes(committed).SequenceEqual(File.ReadAllBytes(file)),
                    $"{Path.GetFileName(file)} differs from what clients/web-console/src compiles to: run `npm run build` in clients/web-console/ and commit the result.");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
