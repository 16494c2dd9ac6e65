namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// One GET against a key distribution service (AMD's KDS or a cache in front of it). The body is read in chunks
/// against a limit, so a service answering without or with a false Content-Length cannot make the verifier hold
/// more than the limit.
/// </summary>
internal static class KdsDownload
{
    /// <summary>The body, or null when the service has nothing under <paramref name="uri"/> (404).</summary>
    /// <param name="what">What is fetched, for the error: "CRL", "body".</param>
    /// <exception cref="HttpRequestException">Any other failure status, or a body over <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]?> GetAsync(HttpClient httpClient, Uri uri, int maxBytes, string what, CancellationToken cancellationToken)
    {
        using var response = await httpClient.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var oversized = $"The key distribution service answered with an oversized {what}.";
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new HttpRequestException(oversized);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new HttpRequestException(oversized);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
