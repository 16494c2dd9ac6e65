namespace Governance.Client.Auth;

/// <summary>
/// Signs in as a member with the member's own private key: short-lived ES256/ES384 tokens made by
/// <see cref="MemberTokenFactory"/>, reused until a minute before they expire.
/// </summary>
public sealed class MemberKeyTokenProvider : ITokenProvider, IDisposable
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);
    private readonly MemberTokenFactory _factory;
    private readonly string _audience;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset Expires)? _current;

    public MemberKeyTokenProvider(MemberTokenFactory factory, string audience = MemberTokenFactory.DefaultAudience, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
        _audience = audience;
        _time = time ?? TimeProvider.System;
    }

    public string MemberId => _factory.MemberId;

    /// <summary>From a PEM private key file as written by <c>governance keys new</c>.</summary>
    public static MemberKeyTokenProvider FromPemFile(string memberId, string keyPath, string audience = MemberTokenFactory.DefaultAudience) =>
        new(MemberTokenFactory.FromPemFile(memberId, keyPath), audience);

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_current is not { } current || current.Expires - RenewBefore <= now)
            {
                _current = current = (_factory.CreateToken(_audience), now + MemberTokenFactory.DefaultLifetime);
            }

            return ValueTask.FromResult<string?>(current.Token);
        }
    }

    public void Dispose() => _factory.Dispose();
}
