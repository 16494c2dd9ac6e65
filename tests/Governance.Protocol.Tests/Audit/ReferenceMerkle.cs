using System.Security.Cryptography;

namespace Governance.Protocol.Tests.Audit;

/// <summary>RFC 9162 §2.1 written out literally over the full list of leaves: slow, obviously right, independent of the code under test.</summary>
internal static class ReferenceMerkle
{
    public static byte[] Mth(IReadOnlyList<byte[]> entries, int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return SHA256.HashData([]);
        }

        if (n == 1)
        {
            return SHA256.HashData([0x00, .. entries[start]]);
        }

        var k = LargestPowerOfTwoBelow(n);
        return SHA256.HashData([0x01, .. Mth(entries, start, start + k), .. Mth(entries, start + k, end)]);
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> entries, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoBelow(n);
        return m < k
            ? [.. Path(m, entries, start, start + k), Mth(entries, start + k, end)]
            : [.. Path(m - k, entries, start + k, end), Mth(entries, start, start + k)];
    }

    public static List<byte[]> Consistency(int m, IReadOnlyList<byte[]> entries, int n) => SubProof(m, entries, 0, n, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> entries, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(entries, start, end)];
        }

        var k = LargestPowerOfTwoBelow(n);
        return m <= k
            ? [.. SubProof(m, entries, start, start + k, b), Mth(entries, start + k, end)]
            : [.. SubProof(m - k, entries, start + k, end, false), Mth(entries, start, start + k)];
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
