using System.Net;

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
        using var response = await httpClient.GetAsync(RequestUri(request), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new HttpRequestException("The key distribution service answered with an oversized CRL.");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new HttpRequestException("The key distribution service answered with an oversized CRL.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
