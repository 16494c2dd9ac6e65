namespace Governance.Api.Hosting;

/// <summary>Work that must finish after migrations and before the first request (e.g. the consortium's genesis).</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
