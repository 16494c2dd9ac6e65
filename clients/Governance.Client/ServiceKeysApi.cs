namespace Governance.Client;

/// <summary>The service's own signing keys (<c>/keys</c>): the published set, and rotation by operators.</summary>
public sealed class ServiceKeysApi(GovernanceConnection connection)
{
    /// <summary>Every service signing key, current first; anyone may read them.</summary>
    public Task<ServiceJwkSet> ListAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<ServiceJwkSet>(HttpMethod.Get, "keys", null, cancellationToken);

    /// <summary>
    /// Operators: makes fresh keys current, one per purpose (tree heads, receipts). Heads and receipts signed
    /// before keep verifying against the previous keys, which stay published.
    /// </summary>
    public Task<ServiceKeyRotationDto> RotateAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<ServiceKeyRotationDto>(HttpMethod.Post, "keys/rotate", null, cancellationToken);
}
