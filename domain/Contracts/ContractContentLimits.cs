namespace Governance.Domain.Contracts;

/// <summary>
/// The most entries each list of a contract's content may hold, far above what a real collaboration names. Validation
/// does work for each entry and reports each fault, so a list without a ceiling lets one request cost without limit;
/// a longer list is refused as one fault, before its entries are looked at.
/// </summary>
public static class ContractContentLimits
{
    public const int MaxParties = 100;

    public const int MaxDatasets = 256;

    public const int MaxSecrets = 256;

    /// <summary>Each of measurements, hostData, idKeyDigests and authorKeyDigests.</summary>
    public const int MaxPolicyValues = 256;

    public const int MaxProducts = 3;

    public const int MaxTrustedAttestationProviders = 32;

    public const int MaxAllowedFormats = 64;

    /// <summary>Of one allowed format; ONNX's default domain and its ML domain hold a few hundred operators together.</summary>
    public const int MaxAllowedOperators = 1024;

    /// <summary>How many faults a refusal lists; the rest are only counted, so a refusal stays small whatever was sent.</summary>
    public const int MaxReportedViolations = 100;
}
