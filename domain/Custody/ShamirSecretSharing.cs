namespace Governance.Domain.Custody;

/// <summary>
/// Shamir's k-of-n secret sharing over GF(2^8), byte by byte: each secret byte is the constant term of its own
/// random polynomial of degree k−1, and share i holds every polynomial's value at x = i. Any k shares determine the
/// polynomials and so the secret; any k−1 are consistent with every possible secret, so they tell nothing about it.
/// </summary>
public static class ShamirSecretSharing
{
    /// <summary>The longest secret that can be split; a key-encryption key is 32 bytes.</summary>
    public const int MaxSecretLength = 64;

    /// <summary>The most shares there can be: x runs over the 255 non-zero field elements.</summary>
    public const int MaxShareCount = 255;

    /// <summary>Splits <paramref name="secret"/> into <paramref name="shareCount"/> shares, any <paramref name="threshold"/> of which recover it.</summary>
    /// <param name="secret">1–<see cref="MaxSecretLength"/> bytes.</param>
    /// <param name="threshold">How many shares recover the secret, 1–<paramref name="shareCount"/>. With 1, every share is the secret itself.</param>
    /// <param name="shareCount">How many shares to make, <paramref name="threshold"/>–<see cref="MaxShareCount"/>; they get indices 1 to this.</param>
    /// <returns>The shares, in index order.</returns>
    /// <exception cref="ArgumentException">The secret is empty or longer than <see cref="MaxSecretLength"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold or share count is out of range.</exception>
    public static IReadOnlyList<RecoveryShare> Split(ReadOnlySpan<byte> secret, int threshold, int shareCount)
    {
        if (secret.Length is 0 or > MaxSecretLength)
        {
            throw new ArgumentException($"A secret to split is 1–{MaxSecretLength} bytes; this one is {secret.Length}.", nameof(secret));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(shareCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shareCount, MaxShareCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, shareCount);

        var length = secret.Length;

        // Row d holds the x^d coefficient of every byte's polynomial: row 0 is the secret, the rest uniformly
        // random. A zero leading coefficient is left as drawn; excluding it would make the coefficients non-uniform
        // and so let k−1 shares say something about the secret.
        var coefficients = new byte[threshold * length];
        try
        {
            secret.CopyTo(coefficients);
            RandomNumberGenerator.Fill(coefficients.AsSpan(length));

            var shares = new RecoveryShare[shareCount];
            for (var i = 0; i < shareCount; i++)
            {
                var x = (byte)(i + 1);
                var value = new byte[length];
                for (var b = 0; b < length; b++)
                {
                    // Horner's rule from the highest coefficient down.
                    var y = coefficients[((threshold - 1) * length) + b];
                    for (var d = threshold - 2; d >= 0; d--)
                    {
                        y = GaloisField256.Add(GaloisField256.Multiply(y, x), coefficients[(d * length) + b]);
                    }

                    value[b] = y;
                }

                shares[i] = new RecoveryShare(x, value);
            }

            return shares;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(coefficients);
        }
    }

    /// <summary>
    /// Interpolates the shares' polynomials at x = 0. Given at least as many distinct shares of one split as its
    /// threshold, this is the secret; given fewer, or shares of different splits, it is an unrelated value of the
    /// same length. Nothing in the shares says which, so the caller checks the result (for example against a key
    /// check value).
    /// </summary>
    /// <param name="shares">1–<see cref="MaxShareCount"/> shares with distinct indices and values of one length.</param>
    /// <returns>The polynomials' constant terms, as long as each share's value.</returns>
    /// <exception cref="ArgumentException">There are no shares or more than 255, or one is null, or two share an index, or their lengths differ.</exception>
    public static byte[] Combine(IReadOnlyList<RecoveryShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count is 0 or > MaxShareCount)
        {
            throw new ArgumentException($"Recovery needs 1–{MaxShareCount} shares; {shares.Count} were given.", nameof(shares));
        }

        var length = CheckShares(shares);
        var count = shares.Count;

        // Lagrange basis polynomials at 0: l_i(0) = Π_{j≠i} x_j / (x_j − x_i), and subtraction is xor. They depend
        // on the indices alone, so they are computed once for all bytes.
        Span<byte> basis = stackalloc byte[count];
        for (var i = 0; i < count; i++)
        {
            byte numerator = 1;
            byte denominator = 1;
            for (var j = 0; j < count; j++)
            {
                if (j != i)
                {
                    numerator = GaloisField256.Multiply(numerator, shares[j].Index);
                    denominator = GaloisField256.Multiply(denominator, GaloisField256.Add(shares[j].Index, shares[i].Index));
                }
            }

            basis[i] = GaloisField256.Multiply(numerator, GaloisField256.Inverse(denominator));
        }

        var secret = new byte[length];
        for (var i = 0; i < count; i++)
        {
            var value = shares[i].Value;
            for (var b = 0; b < length; b++)
            {
                secret[b] = GaloisField256.Add(secret[b], GaloisField256.Multiply(value[b], basis[i]));
            }
        }

        return secret;
    }

    /// <summary>
    /// The common value length, after refusing what interpolation cannot use: a repeated index would make a
    /// denominator zero. Index 0 cannot reach here, as <see cref="RecoveryShare"/> refuses it.
    /// </summary>
    private static int CheckShares(IReadOnlyList<RecoveryShare> shares)
    {
        Span<bool> seen = stackalloc bool[256];
        var length = -1;
        for (var i = 0; i < shares.Count; i++)
        {
            var share = shares[i] ?? throw new ArgumentException($"Share {i} is null.", nameof(shares));
            if (seen[share.Index])
            {
                throw new ArgumentException($"Two shares have index {share.Index}; each share must be a different point.", nameof(shares));
            }

            seen[share.Index] = true;
            if (length < 0)
            {
                length = share.Value.Length;
            }
            else if (share.Value.Length != length)
            {
                throw new ArgumentException(
                    $"Share {share.Index} is {share.Value.Length} bytes but the first is {length}; shares of one secret are all as long as it.", nameof(shares));
            }
        }

        return length;
    }
}
