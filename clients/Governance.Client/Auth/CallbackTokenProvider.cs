namespace Governance.Client.Auth;

/// <summary>
/// Tokens from a callback: typically an OpenID Connect access token acquired by the host application
/// (MSAL, Azure.Identity, a device-code flow) for the service's audience.
/// </summary>
public sealed class CallbackTokenProvider(Func<CancellationToken, ValueTask<string?>> callback) : ITokenProvider
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => callback(cancellationToken);
}
