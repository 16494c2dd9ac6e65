namespace Governance.Api.Service.Custody;

/// <summary>Confidential mode: at start, after genesis, the instance comes to hold the key or says why not (<see cref="UnsealServiceKey"/>).</summary>
internal sealed class UnsealStartupTask(UnsealServiceKey unseal) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken) => unseal.HandleAsync(cancellationToken);
}
