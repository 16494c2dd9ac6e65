namespace Governance.Cli.Infrastructure;

/// <summary>One command invocation: resolved settings, output, and clients of the service.</summary>
public sealed class CliContext
{
    private readonly CliHost _host;

    public CliContext(CliHost host, ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        _host = host;
        ParseResult = parseResult;
        var configPath = parseResult.GetValue(GlobalOptions.Config) ?? host.DefaultConfigPath;
        var config = CliConfig.Load(configPath);
        var service = parseResult.GetValue(GlobalOptions.Service) ?? config.Service;
        Settings = new CliSettings(
            service is null ? null : CliSettings.ParseServiceUrl(service),
            parseResult.GetValue(GlobalOptions.Member) ?? config.Member,
            parseResult.GetValue(GlobalOptions.Key) ?? config.Key,
            config.Audience,
            parseResult.GetValue(GlobalOptions.Json),
            configPath);
        Output = new CliOutput(host, Settings.Json);
    }

    public ParseResult ParseResult { get; }

    public CliSettings Settings { get; }

    public CliOutput Output { get; }

    public CliHost Host => _host;

    /// <summary>A client signed in as the configured member.</summary>
    public GovernanceClient MemberClient() => CreateClient(Settings.RequireService(), MemberTokens());

    /// <summary>A client without credentials (release endpoints, health).</summary>
    public GovernanceClient AnonymousClient(Uri? service = null) =>
        CreateClient(service ?? Settings.RequireService(), AnonymousTokenProvider.Instance);

    public GovernanceClient CreateClient(Uri service, ITokenProvider tokens) =>
        new(service, tokens, _host.HttpHandlerFactory?.Invoke());

    public ITokenProvider MemberTokens() =>
        _host.TokenProviderFactory?.Invoke(Settings) ?? MemberKeyTokens.Create(Settings);
}
