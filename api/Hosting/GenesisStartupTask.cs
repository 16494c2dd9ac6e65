namespace Governance.Api.Hosting;

/// <summary>
/// The consortium's genesis: on the first start of an empty database, writes the members and rules of
/// the bootstrap file. Replicas starting together are serialised by the membership lock; only the first applies it.
/// </summary>
internal sealed partial class GenesisStartupTask(
    IOptions<GenesisOptions> options,
    IConsortiumRules rules,
    FoundConsortium found,
    TimeProvider time,
    IHostEnvironment environment,
    ILogger<GenesisStartupTask> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await rules.GetAsync(cancellationToken) is { } existing)
        {
            LogAlreadyFounded(logger, existing.Name);
            return;
        }

        var path = options.Value.BootstrapFile;
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment())
            {
                LogNoBootstrapFile(logger);
                return;
            }

            path = DevelopmentBootstrap.Ensure(environment.ContentRootPath, logger);
        }

        path = Path.GetFullPath(path, environment.ContentRootPath);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Governance:BootstrapFile names '{path}', which does not exist.");
        }

        var genesis = Genesis.Parse(await File.ReadAllTextAsync(path, cancellationToken), time.GetUtcNow());
        if (await found.HandleAsync(genesis, cancellationToken))
        {
            LogFounded(logger, genesis.ConsortiumName, genesis.Members.Count, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consortium {Name} already founded; the bootstrap file is not read again")]
    private static partial void LogAlreadyFounded(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Governance:BootstrapFile is configured and the database is empty: nobody can sign in until a bootstrap file is given")]
    private static partial void LogNoBootstrapFile(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consortium {Name} founded with {Count} members from {Path}")]
    private static partial void LogFounded(ILogger logger, string name, int count, string path);
}
