namespace Governance.GuestEvidence;

/// <summary>
/// The VCEK chain an Azure host publishes to its guests (the instance metadata service's THIM endpoint: JSON with
/// vcekCert and certificateChain, which the service reads as it is). Fetched once per release, bounded in size and
/// time; when it cannot be had the evidence goes without it and the service fetches the VCEK itself, so the
/// endpoint's failure never blocks a release the service could still verify.
/// </summary>
public sealed class ThimCertificates(Uri endpoint, TimeSpan? timeout = null)
{
    public const string DefaultEndpoint = "http://169.254.169.254/metadata/THIM/amd/certification";

    /// <summary>A VCEK, an ASK and an ARK in PEM fit in a few kilobytes.</summary>
    private const int MaxLength = 64 * 1024;

    public Uri Endpoint { get; } = endpoint;

    public async Task<byte[]> FetchAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(5), MaxResponseContentBufferSize = MaxLength };
        using var request = new HttpRequestMessage(HttpMethod.Get, Endpoint);
        request.Headers.Add("Metadata", "true");
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : [];
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}
