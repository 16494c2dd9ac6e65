namespace Governance.Attestation.Maa;

/// <summary>
/// Fetches and caches each configured attestation provider's signing keys from its certs endpoint (a JWKS whose
/// keys carry x5c certificates).
/// </summary>
public sealed class MaaSigningKeys(HttpClient httpClient, MaaOptions options, TimeProvider timeProvider)
{
    private const int MaxResponseBytes = 256 * 1024;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The signing keys of <paramref name="provider"/>; <paramref name="forceRefresh"/> refetches unless done very recently.</summary>
    /// <exception cref="AttestationVerificationException">The keys cannot be fetched or parsed.</exception>
    public async Task<IReadOnlyList<SecurityKey>> GetAsync(Uri provider, bool forceRefresh, CancellationToken cancellationToken)
    {
        var key = provider.AbsoluteUri;
        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && Fresh(entry, now, forceRefresh))
        {
            return entry.Keys;
        }

        // Concurrent misses may fetch twice; the key set is idempotent, so no lock is held across I/O.
        var keys = await FetchAsync(provider, cancellationToken);
        _entries[key] = new Entry(keys, timeProvider.GetUtcNow());
        return keys;
    }

    private bool Fresh(Entry entry, DateTimeOffset now, bool forceRefresh) =>
        forceRefresh ? now - entry.FetchedAt < options.MinimumRefreshInterval : now - entry.FetchedAt < options.KeyCacheDuration;

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(Uri provider, CancellationToken cancellationToken)
    {
        var uri = new Uri(provider.AbsoluteUri.TrimEnd('/') + "/certs");
        try
        {
            using var response = await httpClient.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (body.Length > MaxResponseBytes)
            {
                throw new AttestationVerificationException(AttestationFailureReason.TokenKeysUnavailable, "The attestation provider's key set is too large.");
            }

            var keys = new JsonWebKeySet(body).GetSigningKeys();
            if (keys.Count == 0)
            {
                throw new AttestationVerificationException(AttestationFailureReason.TokenKeysUnavailable, "The attestation provider's key set holds no usable signing key.");
            }

            return [.. keys];
        }
        catch (HttpRequestException e)
        {
            throw new AttestationVerificationException(AttestationFailureReason.TokenKeysUnavailable, $"The attestation provider's signing keys could not be fetched from {uri}.", e);
        }
        catch (ArgumentException e)
        {
            throw new AttestationVerificationException(AttestationFailureReason.TokenKeysUnavailable, "The attestation provider's key set is malformed.", e);
        }
    }

    private sealed record Entry(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);
}
