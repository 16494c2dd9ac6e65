namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// Fetches VCEKs over HTTP from AMD's KDS (default) or Azure's certificate cache. The fetched certificate is not
/// trusted because of where it came from: it goes through the same chain verification as supplied ones.
/// </summary>
public sealed class KdsVcekSource(HttpClient httpClient, KdsOptions options) : IVcekSource
{
    private const int MaxResponseBytes = 64 * 1024;

    /// <summary>The request URI for <paramref name="request"/>.</summary>
    public Uri RequestUri(VcekRequest request)
    {
        var baseAddress = options.EffectiveBaseAddress.ToString().TrimEnd('/');
        if (options.Provider == KdsProvider.AzureCertificateCache)
        {
            return new Uri($"{baseAddress}/SevSnpVM/certificates/{Convert.ToHexStringLower(request.ChipId)}/{request.ReportedTcb.Raw:x16}?api-version=2020-10-15-preview");
        }

        var tcb = request.ReportedTcb.Decode(request.Product);
        var query = string.Create(CultureInfo.InvariantCulture, $"blSPL={tcb.BootLoader:D2}&teeSPL={tcb.Tee:D2}&snpSPL={tcb.Snp:D2}&ucodeSPL={tcb.Microcode:D2}");
        if (request.Product == SnpProduct.Turin)
        {
            query += string.Create(CultureInfo.InvariantCulture, $"&fmcSPL={tcb.Fmc ?? 0:D2}");
        }

        return new Uri($"{baseAddress}/vcek/v1/{ProductIdentification.KdsName(request.Product)}/{request.HwIdHex}?{query}");
    }

    public async Task<byte[]?> GetVcekAsync(VcekRequest request, CancellationToken cancellationToken)
    {
        var body = await KdsDownload.GetAsync(httpClient, RequestUri(request), MaxResponseBytes, "body", cancellationToken);
        if (body is null)
        {
            return null;
        }

        // AMD answers DER; Azure's cache answers a PEM bundle whose first certificate is the VCEK.
        return body.Length > 0 && body[0] == 0x30 ? body : EndorsementBundle.Parse(body).Certificates[0];
    }
}
