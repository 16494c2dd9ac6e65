namespace Governance.Attestation.Policy;

/// <summary>AMD EPYC generations that implement SEV-SNP, each with its own root of trust.</summary>
public enum SnpProduct
{
    Milan,
    Genoa,
    Turin,
}
