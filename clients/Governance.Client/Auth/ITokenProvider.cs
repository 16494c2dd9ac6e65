namespace Governance.Client.Auth;

/// <summary>
/// Supplies the bearer token for each request. Called once per attempt (retries included), so a provider
/// that mints short-lived tokens never sends an expired one.
/// </summary>
public interface ITokenProvider
{
    /// <summary>The token to send, or null to send the request without one (release endpoints need none).</summary>
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}
