namespace Governance.Attestation.Snp.Verify;

/// <summary>Which Key Distribution Service answers VCEK requests.</summary>
public enum KdsProvider
{
    /// <summary>AMD's KDS: GET {base}/vcek/v1/{Product}/{hwid}?blSPL=..&amp;teeSPL=..&amp;snpSPL=..&amp;ucodeSPL=..[&amp;fmcSPL=..] returns DER.</summary>
    AmdKds,

    /// <summary>Azure's certificate cache: GET {base}/SevSnpVM/certificates/{chipId}/{tcb}?api-version=2020-10-15-preview returns PEM VCEK+ASK+ARK.</summary>
    AzureCertificateCache,
}

/// <summary>Configuration of <see cref="KdsVcekSource"/>.</summary>
public sealed record KdsOptions
{
    public KdsProvider Provider { get; init; } = KdsProvider.AmdKds;

    /// <summary>Base URL; defaults to https://kdsintf.amd.com or https://global.acccache.azure.net by provider.</summary>
    public Uri? BaseAddress { get; init; }

    public Uri EffectiveBaseAddress => BaseAddress ?? (Provider == KdsProvider.AmdKds
        ? new Uri("https://kdsintf.amd.com/")
        : new Uri("https://global.acccache.azure.net/"));
}
