namespace Governance.Domain.Custody;

/// <summary>
/// Arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), as FIPS-197 §4 defines it.
/// Operands are share and secret bytes, so nothing here branches on or indexes memory by an operand: the usual
/// log/antilog tables would let cache timing reveal them.
/// </summary>
internal static class GaloisField256
{
    private const int ReductionPolynomial = 0x11B;

    /// <summary>Addition, which is also subtraction: the coefficients are bits, added modulo 2.</summary>
    public static byte Add(byte a, byte b) => (byte)(a ^ b);

    /// <summary>
    /// The product of <paramref name="a"/> and <paramref name="b"/>: eight rounds of "add the current multiple of
    /// <paramref name="a"/> when the next bit of <paramref name="b"/> is set, then double it (FIPS-197 xtime)",
    /// with the decisions turned into all-zero or all-one masks so every round does the same work.
    /// </summary>
    public static byte Multiply(byte a, byte b)
    {
        int multiple = a;
        int bits = b;
        var product = 0;
        for (var round = 0; round < 8; round++)
        {
            product ^= -(bits & 1) & multiple;
            bits >>= 1;
            multiple <<= 1;
            multiple ^= -((multiple >> 8) & 1) & ReductionPolynomial;
        }

        return (byte)product;
    }

    /// <summary>
    /// The multiplicative inverse of <paramref name="a"/>, computed as a^254 (the non-zero elements form a group of
    /// order 255, so a^255 = 1). Zero has no inverse; this returns 0 for it, which callers never rely on.
    /// </summary>
    public static byte Inverse(byte a)
    {
        // Square-and-multiply over the bits of 254, least significant first. The branch is on the public
        // exponent only, so the sequence of operations is the same for every a.
        const int exponent = 254;
        byte result = 1;
        var power = a;
        for (var bit = 0; bit < 8; bit++)
        {
            if (((exponent >> bit) & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
        }

        return result;
    }
}
