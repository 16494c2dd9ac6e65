namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// Memory cache in front of an optional durable <see cref="IEndorsementCache"/> in front of an optional fetcher.
/// With no fetcher this is the offline source: it answers only from what was stored before.
/// </summary>
public sealed class CachingVcekSource(IVcekSource? inner, IEndorsementCache? durable = null, int capacity = 4096) : IVcekSource
{
    private readonly ConcurrentDictionary<string, byte[]> _memory = new(StringComparer.Ordinal);

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
            value = await inner.GetVcekAsync(request, cancellationToken);
            if (value is not null && durable is not null)
            {
                await durable.SetAsync(key, value, cancellationToken);
            }
        }

        if (value is not null)
        {
            if (_memory.Count >= capacity)
            {
                _memory.Clear();
            }

            _memory[key] = value;
        }

        return value;
    }
}
