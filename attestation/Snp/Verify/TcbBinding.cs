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

        // The bytes no component names are certified too (SPL slots 4 to 7, as go-sev-guest compares the whole
        // TCB_VERSION): a report whose reserved TCB bytes differ from its key's is not the TCB the key was made for.
        // AMD leaves a slot out where it is zero, so an absent slot certifies a zero byte.
        var raw = reportedTcb.Raw;
        byte At(int index) => (byte)(raw >> (8 * index));
        void Reserved(string name, byte? spl, byte reported)
        {
            if ((spl ?? 0) != reported)
            {
                differences.Add($"{name}: certificate={spl?.ToString() ?? "absent"} report={reported}");
            }
        }

        if (product == SnpProduct.Turin)
        {
            Reserved("spl5", extensions.Spl5, At(4));
            Reserved("spl6", extensions.Spl6, At(5));
            Reserved("spl7", extensions.Spl7, At(6));
        }
        else
        {
            Reserved("spl4", extensions.Spl4, At(2));
            Reserved("spl5", extensions.Spl5, At(3));
            Reserved("spl6", extensions.Spl6, At(4));
            Reserved("spl7", extensions.Spl7, At(5));
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
