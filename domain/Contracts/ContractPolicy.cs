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
            MinimumTcb = ToTcbMinimum(spec.MinimumTcb),
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
            RequireSingleSocket = spec.RequireSingleSocket ?? false,
            AllowCxl = spec.AllowCxl ?? false,
            RequireMemAes256Xts = spec.RequireMemAes256Xts ?? false,
            RequireRaplDisabled = spec.RequireRaplDisabled ?? false,
            RequireCiphertextHiding = spec.RequireCiphertextHiding ?? false,
            RequirePageSwapDisabled = spec.RequirePageSwapDisabled ?? false,
            MinimumAbiMajor = spec.MinimumAbiMajor,
            MinimumAbiMinor = spec.MinimumAbiMinor,
            RequireTsme = spec.RequireTsme ?? false,
            RequireEcc = spec.RequireEcc ?? false,
            RequireAliasCheckComplete = spec.RequireAliasCheckComplete ?? false,
            RequirePlatformRaplDisabled = spec.RequirePlatformRaplDisabled ?? false,
            RequirePlatformCiphertextHiding = spec.RequirePlatformCiphertextHiding ?? false,
            AllowProvisionalFirmware = spec.AllowProvisionalFirmware ?? false,
            MinimumBuild = spec.MinimumBuild,
            MinimumLaunchTcb = ToTcbMinimum(spec.MinimumLaunchTcb),
            RequiredLaunchMitigations = spec.RequiredLaunchMitigations,
            RequiredCurrentMitigations = spec.RequiredCurrentMitigations,
        };
    }

    /// <summary>The policy evidence is evaluated against: the content's, with the VMPL of the clean room profile.</summary>
    public static AttestationPolicy EffectiveFor(ContractContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return ToAttestationPolicy(content.AttestationPolicy) with { Vmpl = content.CleanRoom.Vmpl };
    }

    private static TcbMinimum? ToTcbMinimum(TcbMinimumSpec? spec) => spec is null ? null : new TcbMinimum
    {
        BootLoader = spec.BootLoader,
        Tee = spec.Tee,
        Snp = spec.Snp,
        Microcode = spec.Microcode,
        Fmc = spec.Fmc,
        Milan = ToTcbMinimum(spec.Milan),
        Genoa = ToTcbMinimum(spec.Genoa),
        Turin = ToTcbMinimum(spec.Turin),
    };
}
