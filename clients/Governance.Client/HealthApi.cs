namespace Governance.Client;

public sealed partial class GovernanceClient
{
    /// <summary>True when the service and its database answer (<c>/readyz</c>).</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        using var request = GovernanceConnection.CreateRequest(HttpMethod.Get, "readyz", body: null, headers: null);
        using var response = await Connection.SendUncheckedAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
