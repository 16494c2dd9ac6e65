using CsCheck;
using Governance.Domain.Custody;

namespace Governance.Domain.Tests.Custody;

public sealed class GaloisField256Tests
{
    [Theory]
    // FIPS-197 §4.2: {57} • {83} = {c1}.
    [InlineData(0x57, 0x83, 0xC1)]
    // FIPS-197 §4.2.1: the xtime chain from {57}, and {57} • {13} = {fe}.
    [InlineData(0x57, 0x02, 0xAE)]
    [InlineData(0x57, 0x04, 0x47)]
    [InlineData(0x57, 0x08, 0x8E)]
    [InlineData(0x57, 0x10, 0x07)]
    [InlineData(0x57, 0x13, 0xFE)]
    public void Multiply_gives_the_FIPS_197_products(byte a, byte b, byte product)
    {
        Assert.Equal(product, GaloisField256.Multiply(a, b));
        Assert.Equal(product, GaloisField256.Multiply(b, a));
    }

    [Fact]
    public void The_inverse_of_53_is_CA_as_in_the_AES_S_box_derivation()
    {
        Assert.Equal(0xCA, GaloisField256.Inverse(0x53));
        Assert.Equal(0x53, GaloisField256.Inverse(0xCA));
    }

    [Fact]
    public void Every_non_zero_element_times_its_inverse_is_one()
    {
        for (var a = 1; a < 256; a++)
        {
            Assert.Equal(1, GaloisField256.Multiply((byte)a, GaloisField256.Inverse((byte)a)));
        }
    }

    [Fact]
    public void Zero_has_no_inverse_and_gives_zero()
    {
        Assert.Equal(0, GaloisField256.Inverse(0));
    }

    [Fact]
    public void Add_is_xor()
    {
        Assert.Equal(0xD4, GaloisField256.Add(0x57, 0x83));
        for (var a = 0; a < 256; a++)
        {
            Assert.Equal(0, GaloisField256.Add((byte)a, (byte)a));
        }
    }

    [Fact]
    public void Multiply_agrees_with_log_and_antilog_tables_for_every_pair()
    {
        // The tables are built independently from the generator {03}, whose powers run through all 255 non-zero
        // elements; a product of non-zero elements is then the antilog of the sum of logs modulo 255.
        var antilog = new byte[255];
        var log = new int[256];
        var element = 1;
        for (var power = 0; power < 255; power++)
        {
            antilog[power] = (byte)element;
            log[element] = power;
            var doubled = element << 1;
            if ((doubled & 0x100) != 0)
            {
                doubled ^= 0x11B;
            }

            element ^= doubled;
        }

        Assert.Equal(1, element);
        for (var a = 0; a < 256; a++)
        {
            for (var b = 0; b < 256; b++)
            {
                var expected = a == 0 || b == 0 ? 0 : antilog[(log[a] + log[b]) % 255];
                Assert.Equal(expected, GaloisField256.Multiply((byte)a, (byte)b));
            }
        }
    }

    [Fact]
    public void Multiply_is_commutative_with_one_as_identity_and_zero_absorbing()
    {
        for (var a = 0; a < 256; a++)
        {
            Assert.Equal(a, GaloisField256.Multiply((byte)a, 1));
            Assert.Equal(0, GaloisField256.Multiply((byte)a, 0));
            for (var b = 0; b < 256; b++)
            {
                Assert.Equal(GaloisField256.Multiply((byte)a, (byte)b), GaloisField256.Multiply((byte)b, (byte)a));
            }
        }
    }

    [Fact]
    public void Multiply_is_associative_and_distributes_over_add()
    {
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte).Sample((a, b, c) =>
        {
            Assert.Equal(
                GaloisField256.Multiply(GaloisField256.Multiply(a, b), c),
                GaloisField256.Multiply(a, GaloisField256.Multiply(b, c)));
            Assert.Equal(
                GaloisField256.Multiply(a, GaloisField256.Add(b, c)),
                GaloisField256.Add(GaloisField256.Multiply(a, b), GaloisField256.Multiply(a, c)));
        }, iter: 20_000, threads: 1);
    }
}
