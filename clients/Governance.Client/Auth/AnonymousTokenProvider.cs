namespace Governance.Client.Auth;

/// <summary>No credentials: for the clean room agent, whose evidence is its credential, and for health checks.</summary>
public sealed class AnonymousTokenProvider : ITokenProvider
{
    public static AnonymousTokenProvider Instance { get; } = new();

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
