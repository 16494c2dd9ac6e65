namespace Governance.Cli.Infrastructure;

/// <summary>
/// What the CLI runs against: its output streams, where its config file lives, and how it reaches the
/// service. The process uses the defaults; tests hand in writers, an in-process handler and a temp config.
/// </summary>
public sealed class CliHost
{
    public TextWriter Out { get; init; } = Console.Out;

    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Where answers to questions come from (the y/N before an approval).</summary>
    public TextReader In { get; init; } = Console.In;

    /// <summary>Replaces the network handler (the tests' in-process service). Null: real sockets.</summary>
    public Func<HttpMessageHandler>? HttpHandlerFactory { get; init; }

    /// <summary>The config file when --config is not given.</summary>
    public string DefaultConfigPath { get; init; } = CliConfig.DefaultPath();

    /// <summary>How member tokens are made from the resolved settings. Null: from the member's key file.</summary>
    public Func<CliSettings, ITokenProvider>? TokenProviderFactory { get; init; }

    /// <summary>Whether to draw tables and progress with colours (off when output is redirected).</summary>
    public bool Interactive { get; init; } = !Console.IsOutputRedirected;

    /// <summary>The clock (dates written into new contract templates).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliHost Process { get; } = new();
}
