using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;

namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// Binds a verified endorsement key to the report: the key's SPL extensions equal the REPORTED_TCB (decoded with
/// the product's layout), and a VCEK's hardware id equals CHIP_ID (Turin: its first 8 bytes). A masked
/// (all-zero) CHIP_ID is left to the policy.
/// </summary>
public static class TcbBinding
{
    /// <summary>Differences between the key's SPLs and the reported TCB, as "component: key=x report=y".</summary>
    public static IReadOnlyList<string> TcbDifferences(VekExtensions extensions, TcbVersion reportedTcb, SnpProduct product)
    {
        var tcb = reportedTcb.Decode(product);
        var differences = new List<string>();
        void Compare(string name, byte? spl, byte reported)
        {
            if (spl != reported)
            {
                differences.Add($"{name}: certificate={(spl is { } v ? v.ToString() : "absent")} report={reported}");
            }
        }

        Compare("bootloader", extensions.BootLoaderSpl, tcb.BootLoader);
        Compare("tee", extensions.TeeSpl, tcb.Tee);
        Compare("snp", extensions.SnpSpl, tcb.Snp);
        Compare("microcode", extensions.MicrocodeSpl, tcb.Microcode);
        if (product == SnpProduct.Turin)
        {
            Compare("fmc", extensions.FmcSpl, tcb.Fmc ?? 0);
        }

        return differences;
    }

    /// <summary>True when the VCEK hardware id matches CHIP_ID (or CHIP_ID is masked).</summary>
    public static bool ChipIdMatches(byte[]? hwId, ReadOnlySpan<byte> chipId, SnpProduct product)
    {
        if (!chipId.ContainsAnyExcept((byte)0))
        {
            return true;
        }

        if (hwId is null)
        {
            return false;
        }

        if (product == SnpProduct.Turin)
        {
            return hwId.Length == 8 && hwId.AsSpan().SequenceEqual(chipId[..8]) && !chipId[8..].ContainsAnyExcept((byte)0);
        }

        return hwId.Length == 64 && hwId.AsSpan().SequenceEqual(chipId);
    }
}
