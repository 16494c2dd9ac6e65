using Governance.Attestation.Policy;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Contracts;

/// <summary>Maps the contract's wire form of the attestation policy to the attestation library's type, field for field.</summary>
public static class ContractPolicy
{
    public static AttestationPolicy ToAttestationPolicy(AttestationPolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new AttestationPolicy
        {
            Measurements = spec.Measurements,
            HostData = spec.HostData,
            IdKeyDigests = spec.IdKeyDigests,
            AuthorKeyDigests = spec.AuthorKeyDigests,
            FamilyId = spec.FamilyId,
            ImageId = spec.ImageId,
            MinimumGuestSvn = spec.MinimumGuestSvn,
            MinimumTcb = spec.MinimumTcb is { } tcb
                ? new TcbMinimum { BootLoader = tcb.BootLoader, Tee = tcb.Tee, Snp = tcb.Snp, Microcode = tcb.Microcode, Fmc = tcb.Fmc }
                : null,
            Products = [.. spec.Products.Select(p => p switch
            {
                SnpProductName.Milan => SnpProduct.Milan,
                SnpProductName.Genoa => SnpProduct.Genoa,
                _ => SnpProduct.Turin,
            })],
            SigningKey = spec.SigningKey switch
            {
                SigningKeyName.Vcek => SigningKeyRequirement.Vcek,
                SigningKeyName.Vlek => SigningKeyRequirement.Vlek,
                _ => SigningKeyRequirement.Any,
            },
            AllowDebug = spec.AllowDebug,
            AllowMigrationAgent = spec.AllowMigrationAgent,
            AllowSmt = spec.AllowSmt,
            Vmpl = spec.Vmpl,
            MinimumReportVersion = spec.MinimumReportVersion,
            AllowMaskedChipId = spec.AllowMaskedChipId,
            TrustedAttestationProviders = spec.TrustedAttestationProviders,
        };
    }

    /// <summary>The policy evidence is evaluated against: the content's, with the VMPL of the clean room profile.</summary>
    public static AttestationPolicy EffectiveFor(ContractContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return ToAttestationPolicy(content.AttestationPolicy) with { Vmpl = content.CleanRoom.Vmpl };
    }
}
