using CsCheck;
using Governance.Domain.Custody;

namespace Governance.Domain.Tests.Custody;

public sealed class ShamirSecretSharingTests
{
    private const int MaxShares = 20;

    /// <summary>
    /// A secret, a threshold k and a share count n with 1 ≤ k ≤ n ≤ 20, a random order of the n share positions,
    /// and how many shares beyond k to take (reduced modulo n − k + 1 where it is used).
    /// </summary>
    private static readonly Gen<(byte[] Secret, int Threshold, int Count, int[] Order, int Extra)> Cases =
        from secret in Gen.Byte.Array[1, ShamirSecretSharing.MaxSecretLength]
        from count in Gen.Int[1, MaxShares]
        from threshold in Gen.Int[1, count]
        from keys in Gen.UInt.Array[count]
        from extra in Gen.Int[0, MaxShares]
        select (secret, threshold, count, Enumerable.Range(0, count).OrderBy(i => keys[i]).ThenBy(i => i).ToArray(), extra);

    [Fact]
    public void Split_makes_n_shares_at_indices_one_to_n_each_as_long_as_the_secret()
    {
        var shares = ShamirSecretSharing.Split(new byte[32], 3, 5);
        Assert.Equal([1, 2, 3, 4, 5], shares.Select(s => (int)s.Index));
        Assert.All(shares, s => Assert.Equal(32, s.Value.Length));
    }

    [Fact]
    public void Any_k_shares_in_any_order_recover_the_secret()
    {
        Cases.Sample(c =>
        {
            var shares = ShamirSecretSharing.Split(c.Secret, c.Threshold, c.Count);
            var chosen = c.Order.Take(c.Threshold).Select(i => shares[i]).ToArray();
            Assert.Equal(c.Secret, ShamirSecretSharing.Combine(chosen));
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void More_than_k_shares_recover_the_secret_too()
    {
        Cases.Sample(c =>
        {
            var shares = ShamirSecretSharing.Split(c.Secret, c.Threshold, c.Count);
            var take = c.Threshold + (c.Extra % (c.Count - c.Threshold + 1));
            var chosen = c.Order.Take(take).Select(i => shares[i]).ToArray();
            Assert.Equal(c.Secret, ShamirSecretSharing.Combine(chosen));
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void Every_first_secret_byte_is_equally_consistent_with_k_minus_1_shares()
    {
        // For k − 1 shares and any candidate first byte b, the k points (0, b) and the shares' first bytes fix
        // exactly one polynomial of degree at most k − 1, so exactly one value of a further share at x*. The test
        // builds that value for all 256 candidates, has Combine confirm it leads back to b, and checks that the
        // 256 values are distinct: every value the missing share could take names exactly one candidate, so with
        // the missing share uniform the k − 1 shares leave all 256 equally likely. For the true byte, the built
        // value is the real share's.
        Cases.Where(c => c.Threshold >= 2).Sample(c =>
        {
            var shares = ShamirSecretSharing.Split(c.Secret, c.Threshold, c.Count);
            var held = c.Order.Take(c.Threshold - 1).Select(i => shares[i]).ToArray();
            var missing = shares[c.Order[c.Threshold - 1]];
            var heldFirstBytes = held.Select(s => (s.Index, s.Value[0])).ToArray();

            var completions = new HashSet<byte>();
            for (var candidate = 0; candidate < 256; candidate++)
            {
                var points = heldFirstBytes.Append(((byte)0, (byte)candidate)).ToArray();
                var completion = InterpolateAt(points, missing.Index);
                Assert.True(completions.Add(completion));

                var recovered = ShamirSecretSharing.Combine(
                    [.. held.Select(s => new RecoveryShare(s.Index, [s.Value[0]])), new RecoveryShare(missing.Index, [completion])]);
                Assert.Equal(candidate, recovered[0]);
                if (candidate == c.Secret[0])
                {
                    Assert.Equal(missing.Value[0], completion);
                }
            }

            Assert.Equal(256, completions.Count);
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void K_minus_1_shares_of_a_long_secret_do_not_combine_to_it()
    {
        // With k − 1 shares, Combine gives the secret plus the leading coefficient times the product of the
        // indices, byte by byte; a 16-byte or longer result equals the secret with probability at most 2^-128.
        Cases.Where(c => c.Threshold >= 2 && c.Secret.Length >= 16).Sample(c =>
        {
            var shares = ShamirSecretSharing.Split(c.Secret, c.Threshold, c.Count);
            var held = c.Order.Take(c.Threshold - 1).Select(i => shares[i]).ToArray();
            Assert.NotEqual(c.Secret, ShamirSecretSharing.Combine(held));
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void A_hand_computed_two_of_three_split_combines_back()
    {
        // f(x) = {42} + {07}·x. {07}·{01} = {07}; {07}·{02} = xtime({07}) = {0e}; {07}·{03} = {0e} ⊕ {07} = {09}.
        // So f(1) = {42} ⊕ {07} = {45}, f(2) = {42} ⊕ {0e} = {4c}, f(3) = {42} ⊕ {09} = {4b}.
        // From x = 1, 2: l1(0) = 2/(2 ⊕ 1) = 2/3, l2(0) = 1/3, so f(0) = ({45}·2 ⊕ {4c})/3 = ({8a} ⊕ {4c})/3 = {c6}/3,
        // and {42}·3 = {84} ⊕ {42} = {c6}, so f(0) = {42}.
        var s1 = new RecoveryShare(1, [0x45]);
        var s2 = new RecoveryShare(2, [0x4C]);
        var s3 = new RecoveryShare(3, [0x4B]);

        Assert.Equal([0x42], ShamirSecretSharing.Combine([s1, s2]));
        Assert.Equal([0x42], ShamirSecretSharing.Combine([s1, s3]));
        Assert.Equal([0x42], ShamirSecretSharing.Combine([s3, s2]));
        Assert.Equal([0x42], ShamirSecretSharing.Combine([s1, s2, s3]));

        // One share alone interpolates a constant: it gives back its own value, not the secret.
        Assert.Equal([0x45], ShamirSecretSharing.Combine([s1]));
    }

    [Fact]
    public void A_threshold_of_one_makes_every_share_the_secret()
    {
        byte[] secret = [1, 2, 3, 4];
        Assert.All(ShamirSecretSharing.Split(secret, 1, 4), s => Assert.Equal(secret, s.Value));
    }

    [Fact]
    public void The_largest_split_recovers_from_all_255_shares_and_from_the_highest_indices()
    {
        var secret = new byte[32];
        Random.Shared.NextBytes(secret);

        Assert.Equal(secret, ShamirSecretSharing.Combine(ShamirSecretSharing.Split(secret, 255, 255)));

        var shares = ShamirSecretSharing.Split(secret, 3, 255);
        Assert.Equal(secret, ShamirSecretSharing.Combine([shares[252], shares[253], shares[254]]));
    }

    [Fact]
    public void A_key_encryption_key_split_three_of_five_comes_back_from_the_encoded_shares()
    {
        var key = new byte[32];
        Random.Shared.NextBytes(key);
        var encoded = ShamirSecretSharing.Split(key, 3, 5).Select(s => s.ToBytes()).ToArray();

        Assert.Equal(key, ShamirSecretSharing.Combine([RecoveryShare.Parse(encoded[4]), RecoveryShare.Parse(encoded[0]), RecoveryShare.Parse(encoded[2])]));
    }

    [Fact]
    public void Split_refuses_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split([], 1, 1));
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Split(new byte[ShamirSecretSharing.MaxSecretLength + 1], 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShamirSecretSharing.Split([1], 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShamirSecretSharing.Split([1], 4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShamirSecretSharing.Split([1], 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShamirSecretSharing.Split([1], 1, 256));
        Assert.Equal(ShamirSecretSharing.MaxSecretLength, ShamirSecretSharing.Split(new byte[ShamirSecretSharing.MaxSecretLength], 1, 1)[0].Value.Length);
    }

    [Fact]
    public void Combine_refuses_no_shares_and_more_than_255()
    {
        var none = Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([]));
        Assert.Contains("1–255 shares", none.Message, StringComparison.Ordinal);

        var tooMany = Enumerable.Repeat(new RecoveryShare(1, [0]), 256).ToArray();
        var many = Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine(tooMany));
        Assert.Contains("256 were given", many.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_refuses_a_repeated_index_even_with_the_same_value()
    {
        var shares = ShamirSecretSharing.Split([9, 9], 2, 3);
        var repeated = Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([shares[0], shares[1], shares[0]]));
        Assert.Contains("index 1", repeated.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([shares[1], new RecoveryShare(2, [0, 0])]));
    }

    [Fact]
    public void Combine_refuses_shares_of_different_lengths()
    {
        var mismatch = Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([new RecoveryShare(1, [1, 2]), new RecoveryShare(2, [1])]));
        Assert.Contains("Share 2 is 1 bytes but the first is 2", mismatch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Combine_refuses_a_null_share()
    {
        Assert.Throws<ArgumentException>(() => ShamirSecretSharing.Combine([new RecoveryShare(1, [1]), null!]));
    }

    [Fact]
    public void A_share_at_index_zero_never_reaches_Combine()
    {
        // Index 0 would be the secret itself; neither the constructor nor the transport encoding lets one exist.
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecoveryShare(0, [0x42]));
        Assert.Throws<FormatException>(() => RecoveryShare.Parse([0, 0x42]));
    }

    /// <summary>The polynomial through <paramref name="points"/> (distinct x), evaluated at <paramref name="x"/> by Lagrange's formula.</summary>
    private static byte InterpolateAt((byte X, byte Y)[] points, byte x)
    {
        byte sum = 0;
        for (var i = 0; i < points.Length; i++)
        {
            byte term = points[i].Y;
            for (var j = 0; j < points.Length; j++)
            {
                if (j != i)
                {
                    var numerator = GaloisField256.Add(x, points[j].X);
                    var denominator = GaloisField256.Add(points[i].X, points[j].X);
                    term = GaloisField256.Multiply(term, GaloisField256.Multiply(numerator, GaloisField256.Inverse(denominator)));
                }
            }

            sum = GaloisField256.Add(sum, term);
        }

        return sum;
    }
}
