namespace Governance.Attestation.Snp.Revocation;

/// <summary>
/// Which CRL: AMD publishes one per product and signer, each signed by that product's ARK and listing the ASKs (VCEK
/// signers) or ASVKs (VLEK signers) it revoked.
/// </summary>
public sealed record RevocationListRequest(SnpProduct Product, SigningKeyKind Signer)
{
    /// <summary>The path at the key distribution service: <c>vcek/v1/{Product}/crl</c> or <c>vlek/v1/{Product}/crl</c>.</summary>
    public string KdsPath => $"{(Signer == SigningKeyKind.Vlek ? "vlek" : "vcek")}/v1/{ProductIdentification.KdsName(Product)}/crl";
}
