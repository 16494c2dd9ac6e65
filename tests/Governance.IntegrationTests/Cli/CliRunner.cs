using Governance.Cli;
using Governance.Cli.Infrastructure;
using Governance.Client.Auth;

namespace Governance.IntegrationTests.Cli;

/// <summary>Runs the real `governance` command tree in-process against the test service, capturing its output.</summary>
internal sealed class CliRunner : IDisposable
{
    private readonly Func<HttpMessageHandler>? _handler;
    private readonly Func<CliSettings, ITokenProvider>? _tokens;

    public CliRunner(Func<HttpMessageHandler>? handler = null, Func<CliSettings, ITokenProvider>? tokens = null)
    {
        _handler = handler;
        _tokens = tokens;
        Directory = Path.Combine(Path.GetTempPath(), "governance-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        ConfigPath = Path.Combine(Directory, "config", "config.json");
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    /// <summary>What the commands read as typed answers (nothing: every question reads end of input).</summary>
    public string Input { get; set; } = "";

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost
        {
            Out = output,
            Error = error,
            In = new StringReader(Input),
            HttpHandlerFactory = _handler,
            TokenProviderFactory = _tokens,
            DefaultConfigPath = ConfigPath,
            Interactive = false,
        };
        var exitCode = await GovernanceCli.RunAsync(args, host);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
