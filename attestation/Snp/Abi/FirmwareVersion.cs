namespace Governance.Attestation.Snp.Abi;

/// <summary>An SNP firmware version (major.minor, build).</summary>
public readonly record struct FirmwareVersion(byte Major, byte Minor, byte Build)
{
    public override string ToString() => $"{Major}.{Minor} build {Build}";
}
