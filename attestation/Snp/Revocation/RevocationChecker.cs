namespace Governance.Attestation.Snp.Revocation;

/// <summary>
/// Checks a verified chain against AMD's CRL for its product and signer, on every verification (a cached chain
/// included, since a CRL may revoke it later). The CRL comes from memory, else the durable store, else the key
/// distribution service; it is used only if its issuer is the chain's ARK and its signature verifies, and it never
/// gives way to one issued earlier. A CRL past its nextUpdate is stale: the evidence is then refused or accepted as
/// <see cref="RevocationOptions.WhenStale"/> says, but a serial it lists is refused either way.
/// </summary>
public sealed partial class RevocationChecker : IDisposable
{
    private readonly RevocationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly IRevocationListSource? _source;
    private readonly IRevocationListStore? _store;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Known> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);

    /// <param name="options">Offline mode, stale policy, which roots are checked.</param>
    /// <param name="timeProvider">The clock CRL freshness is judged by.</param>
    /// <param name="source">Where CRLs are fetched (null: never fetch).</param>
    /// <param name="store">Durable storage of verified CRLs (null: memory only).</param>
    /// <param name="logger">Warnings for failed fetches and accepted stale CRLs.</param>
    public RevocationChecker(RevocationOptions options, TimeProvider timeProvider, IRevocationListSource? source, IRevocationListStore? store = null, ILogger<RevocationChecker>? logger = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _source = source;
        _store = store;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The key a product's, signer's and root's CRL is stored under.</summary>
    public static string StoreKey(RevocationListRequest request, SnpTrustRoot root)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(root);
        return $"crl/{(request.Signer == SigningKeyKind.Vlek ? "vlek" : "vcek")}/{request.Product.ToString().ToLowerInvariant()}/{Convert.ToHexStringLower(root.ArkSha256.AsSpan(0, 8))}";
    }

    /// <summary>Refuses <paramref name="key"/> when its ASK/ASVK is revoked, or when no fresh CRL can be had and stale ones are refused.</summary>
    /// <exception cref="AttestationVerificationException"><c>certificate_revoked</c> or <c>revocation_list_stale</c>.</exception>
    public async Task CheckAsync(VerifiedEndorsementKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.BuiltInRoot && !_options.CheckExtraRoots)
        {
            return;
        }

        var request = new RevocationListRequest(key.Product, key.Kind);
        var signer = key.Kind == SigningKeyKind.Vlek ? "ASVK" : "ASK";
        var now = _timeProvider.GetUtcNow();
        var list = await CurrentAsync(request, key.Root, now, cancellationToken);
        if (list is not null && list.RevokedSerials.Contains(key.IntermediateSerial))
        {
            throw new AttestationVerificationException(AttestationFailureReason.CertificateRevoked,
                $"The {key.Product} {signer} that signed the endorsement key (serial {key.IntermediateSerial}) is revoked by the ARK's CRL of {list.ThisUpdate:u}.");
        }

        if (list is null || !list.IsFreshAt(now))
        {
            var state = list is null
                ? $"No {key.Product} {signer} CRL could be obtained"
                : $"The newest {key.Product} {signer} CRL known ({list.ThisUpdate:u}) was due for renewal at {list.NextUpdate:u} and none newer could be obtained";
            if (_options.WhenStale == StaleRevocationListPolicy.Refuse)
            {
                throw new AttestationVerificationException(AttestationFailureReason.RevocationListStale, $"{state}, so the revocation of the endorsement chain cannot be checked.");
            }

            LogStaleAccepted(_logger, key.Product.ToString(), signer, list?.NextUpdate);
        }
    }

    private async Task<RevocationList?> CurrentAsync(RevocationListRequest request, SnpTrustRoot root, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var storeKey = StoreKey(request, root);
        if (_known.TryGetValue(storeKey, out var known) && known.List is { } cached && cached.IsFreshAt(now))
        {
            return cached;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            known = _known.GetValueOrDefault(storeKey) ?? new Known(null, null);
            var best = known.List;
            if (best is not null && best.IsFreshAt(now))
            {
                return best;
            }

            if (_store is not null && await _store.GetAsync(storeKey, cancellationToken) is { } stored && Verified(stored, root) is { } fromStore && IsNewer(fromStore, best))
            {
                best = fromStore;
            }

            var lastFailure = known.LastFailure;
            var mayFetch = !_options.Offline && _source is not null && (lastFailure is not { } failed || now - failed >= _options.RetryAfterFailure);
            if ((best is null || !best.IsFreshAt(now)) && mayFetch)
            {
                var fetched = await FetchAsync(request, root, cancellationToken);
                if (fetched is null)
                {
                    lastFailure = now;
                }
                else if (IsNewer(fetched.Value.List, best))
                {
                    best = fetched.Value.List;
                    lastFailure = null;
                    if (_store is not null)
                    {
                        await _store.PutAsync(storeKey, fetched.Value.Der, best.ThisUpdate, best.NextUpdate, cancellationToken);
                    }
                }
            }

            _known[storeKey] = new Known(best, lastFailure);
            return best;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<(RevocationList List, byte[] Der)?> FetchAsync(RevocationListRequest request, SnpTrustRoot root, CancellationToken cancellationToken)
    {
        string why;
        try
        {
            var der = await _source!.GetAsync(request, cancellationToken);
            if (der is not null && Verified(der, root) is { } list)
            {
                return (list, der);
            }

            why = der is null ? "the service has none" : "it is not a CRL the product's ARK signed";
        }
        catch (HttpRequestException e)
        {
            why = e.StatusCode is { } status ? $"the service answered {(int)status}" : "the service could not be reached";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            why = "the service did not answer in time";
        }

        LogFetchFailed(_logger, request.Product.ToString(), request.Signer.ToString(), why);
        return null;
    }

    private static RevocationList? Verified(byte[] der, SnpTrustRoot root)
    {
        try
        {
            var list = RevocationList.Parse(der);
            return list.IsIssuedBy(root) ? list : null;
        }
        catch (SnpFormatException)
        {
            return null;
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static bool IsNewer(RevocationList candidate, RevocationList? known) => known is null || candidate.ThisUpdate > known.ThisUpdate;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Product} {Signer} CRL could be fetched: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string product, string signer, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Evidence accepted on a stale {Product} {Signer} CRL (next update was due {NextUpdate}), as the stale policy allows")]
    private static partial void LogStaleAccepted(ILogger logger, string product, string signer, DateTimeOffset? nextUpdate);

    private sealed record Known(RevocationList? List, DateTimeOffset? LastFailure);
}
