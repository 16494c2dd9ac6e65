using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.GuestEvidence;

/// <summary>
/// An Azure Attestation provider's SEV-SNP VM endpoint (<c>POST {provider}/attest/SevSnpVm?api-version=2022-08-01</c>):
/// the request's <c>report</c> is base64url of the JSON Azure's guest attestation sends ({"SnpReport", "VcekCertChain"},
/// each base64url), <c>runtimeData</c> the runtime data the report's REPORT_DATA hashes; the answer is {"token": JWT}.
/// </summary>
public sealed class MaaAttestationClient(Uri provider, HttpMessageHandler? handler = null)
{
    public const string ApiVersion = "2022-08-01";

    /// <summary>An attestation token is a few kilobytes; an answer beyond this is not one.</summary>
    private const int MaxResponseLength = 256 * 1024;

    public Uri Provider { get; } = provider;

    /// <exception cref="EvidenceUnavailableException">The provider cannot be reached, refuses, or answers without a token.</exception>
    public async Task<string> AttestAsync(ReadOnlyMemory<byte> snpReport, string vcekCertChainPem, ReadOnlyMemory<byte> runtimeData, CancellationToken cancellationToken)
    {
        var report = JsonSerializer.SerializeToUtf8Bytes(new SnpVmReport(
            Base64Url.EncodeToString(snpReport.Span), Base64Url.EncodeToString(System.Text.Encoding.ASCII.GetBytes(vcekCertChainPem))));
        var body = new AttestRequest(Base64Url.EncodeToString(report), new RuntimeData(Base64Url.EncodeToString(runtimeData.Span), "Binary"));
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.MaxResponseContentBufferSize = MaxResponseLength;
        http.Timeout = TimeSpan.FromSeconds(30);
        var endpoint = new Uri($"{Provider.AbsoluteUri.TrimEnd('/')}/attest/SevSnpVm?api-version={ApiVersion}");
        try
        {
            using var response = await http.PostAsJsonAsync(endpoint, body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new EvidenceUnavailableException($"maa-token: {Provider} refused the evidence ({(int)response.StatusCode}): {text[..Math.Min(text.Length, 300)]}");
            }

            return JsonSerializer.Deserialize<AttestResponse>(text)?.Token is { Length: > 0 } token
                ? token
                : throw new EvidenceUnavailableException($"maa-token: {Provider} answered without a token.");
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EvidenceUnavailableException($"maa-token: the attestation provider {Provider} could not be used: {exception.Message}", exception);
        }
    }

    private sealed record SnpVmReport([property: JsonPropertyName("SnpReport")] string SnpReport, [property: JsonPropertyName("VcekCertChain")] string VcekCertChain);

    private sealed record RuntimeData([property: JsonPropertyName("data")] string Data, [property: JsonPropertyName("dataType")] string DataType);

    private sealed record AttestRequest([property: JsonPropertyName("report")] string Report, [property: JsonPropertyName("runtimeData")] RuntimeData RuntimeData);

    private sealed record AttestResponse([property: JsonPropertyName("token")] string? Token);
}
