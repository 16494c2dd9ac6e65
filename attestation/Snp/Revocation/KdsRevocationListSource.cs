namespace Governance.Attestation.Snp.Revocation;

/// <summary>
/// Fetches CRLs from AMD's key distribution service: GET {base}/vcek/v1/{Product}/crl or {base}/vlek/v1/{Product}/crl,
/// answered with a DER CRL. Nothing is trusted for where it came from: the checker verifies the ARK's signature.
/// </summary>
public sealed class KdsRevocationListSource(HttpClient httpClient, Uri? baseAddress = null) : IRevocationListSource
{
    /// <summary>AMD's key distribution service.</summary>
    public static readonly Uri AmdKds = new("https://kdsintf.amd.com/");

    /// <summary>Largest CRL read; AMD's are a few kilobytes.</summary>
    public const int MaxResponseBytes = 256 * 1024;

    /// <summary>The request URI for <paramref name="request"/>.</summary>
    public Uri RequestUri(RevocationListRequest request) => new($"{(baseAddress ?? AmdKds).AbsoluteUri.TrimEnd('/')}/{request.KdsPath}");

    public async Task<byte[]?> GetAsync(RevocationListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await KdsDownload.GetAsync(httpClient, RequestUri(request), MaxResponseBytes, "CRL", cancellationToken);
    }
}
