namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// Memory cache in front of an optional durable <see cref="IEndorsementCache"/> in front of an optional fetcher.
/// With no fetcher this is the offline source: it answers only from what was stored before. Fetches are bounded by
/// <see cref="VcekFetchLimits"/>: a chip and TCB the fetcher found nothing for, or failed on, is not asked about again
/// for a while, and all fetches share one budget per minute.
/// </summary>
public sealed class CachingVcekSource(
    IVcekSource? inner, IEndorsementCache? durable = null, int capacity = 4096, VcekFetchLimits? limits = null, TimeProvider? time = null) : IVcekSource
{
    private readonly ConcurrentDictionary<string, byte[]> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);
    private readonly VcekFetchLimits _limits = limits ?? new VcekFetchLimits();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _budgetLock = new();

    // Refilled at the first fetch: a bucket last filled at the dawn of time is full.
    private double _tokens;
    private DateTimeOffset _refilledAt = DateTimeOffset.MinValue;

    public async Task<byte[]?> GetVcekAsync(VcekRequest request, CancellationToken cancellationToken)
    {
        var key = request.CacheKey;
        if (_memory.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var value = durable is null ? null : await durable.GetAsync(key, cancellationToken);
        if (value is null && inner is not null)
        {
            value = await FetchAsync(request, key, cancellationToken);
            if (value is not null && durable is not null)
            {
                await durable.SetAsync(key, value, cancellationToken);
            }
        }

        if (value is not null)
        {
            Remember(_memory, key, value);
        }

        return value;
    }

    private async Task<byte[]?> FetchAsync(VcekRequest request, string key, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_notBefore.TryGetValue(key, out var notBefore) && now < notBefore)
        {
            return null;
        }

        if (!TryTakeFetch(now))
        {
            throw new AttestationVerificationException(AttestationFailureReason.EndorsementKeyUnavailable,
                "No VCEK came with the report, and the service is fetching as many as it allows right now: send the VCEK with the report, or try again in a minute.");
        }

        try
        {
            var fetched = await inner!.GetVcekAsync(request, cancellationToken);
            if (fetched is null)
            {
                Remember(_notBefore, key, now + _limits.MissRememberedFor);
            }

            return fetched;
        }
        catch (HttpRequestException)
        {
            Remember(_notBefore, key, now + _limits.FailureRememberedFor);
            throw;
        }
    }

    /// <summary>A token bucket: <see cref="VcekFetchLimits.FetchesPerMinute"/> tokens, refilled continuously.</summary>
    private bool TryTakeFetch(DateTimeOffset now)
    {
        lock (_budgetLock)
        {
            var perMinute = _limits.FetchesPerMinute;
            var elapsed = Math.Max(0, (now - _refilledAt).TotalMinutes);
            _tokens = Math.Min(perMinute, _tokens + (elapsed * perMinute));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    private void Remember<T>(ConcurrentDictionary<string, T> store, string key, T value)
    {
        if (store.Count >= capacity)
        {
            store.Clear();
        }

        store[key] = value;
    }
}
