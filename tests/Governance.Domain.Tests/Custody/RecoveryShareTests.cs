using CsCheck;
using Governance.Domain.Custody;

namespace Governance.Domain.Tests.Custody;

public sealed class RecoveryShareTests
{
    [Fact]
    public void The_encoding_is_the_index_then_the_value_and_reads_back()
    {
        var share = new RecoveryShare(7, [0xAA, 0xBB, 0xCC]);
        Assert.Equal([7, 0xAA, 0xBB, 0xCC], share.ToBytes());
        Assert.Equal(share, RecoveryShare.Parse(share.ToBytes()));
    }

    [Fact]
    public void Every_valid_share_round_trips_through_its_encoding()
    {
        Gen.Select(Gen.Byte[1, 255], Gen.Byte.Array[1, ShamirSecretSharing.MaxSecretLength]).Sample((index, value) =>
        {
            var parsed = RecoveryShare.Parse(new RecoveryShare(index, value).ToBytes());
            Assert.Equal(index, parsed.Index);
            Assert.Equal(value, parsed.Value);
        }, iter: 1000, threads: 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("01")]
    [InlineData("0042")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_encodings_are_refused(string hex)
    {
        Assert.Throws<FormatException>(() => RecoveryShare.Parse(Convert.FromHexString(hex)));
    }

    [Fact]
    public void An_encoding_one_byte_longer_than_the_longest_secret_allows_is_refused_and_the_longest_is_accepted()
    {
        var longest = new byte[RecoveryShare.MaxEncodedLength];
        longest[0] = 1;
        Assert.Equal(ShamirSecretSharing.MaxSecretLength, RecoveryShare.Parse(longest).Value.Length);

        var tooLong = new byte[RecoveryShare.MaxEncodedLength + 1];
        tooLong[0] = 1;
        Assert.Throws<FormatException>(() => RecoveryShare.Parse(tooLong));
    }

    [Fact]
    public void A_share_cannot_be_made_at_index_zero_or_with_an_empty_or_overlong_value()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecoveryShare(0, [1]));
        Assert.Throws<ArgumentException>(() => new RecoveryShare(1, []));
        Assert.Throws<ArgumentException>(() => new RecoveryShare(1, new byte[ShamirSecretSharing.MaxSecretLength + 1]));
    }

    [Fact]
    public void Shares_are_equal_by_index_and_value_bytes_not_by_array()
    {
        var share = new RecoveryShare(3, [1, 2, 3]);
        Assert.Equal(share, new RecoveryShare(3, [1, 2, 3]));
        Assert.Equal(share.GetHashCode(), new RecoveryShare(3, [1, 2, 3]).GetHashCode());
        Assert.NotEqual(share, new RecoveryShare(4, [1, 2, 3]));
        Assert.NotEqual(share, new RecoveryShare(3, [1, 2, 4]));
        Assert.NotEqual(share, new RecoveryShare(3, [1, 2]));
        Assert.False(share.Equals(null));
    }

    [Fact]
    public void The_text_form_shows_the_index_and_length_but_not_the_value()
    {
        var text = new RecoveryShare(9, [0xDE, 0xAD, 0xBE, 0xEF]).ToString();
        Assert.Equal("RecoveryShare { Index = 9, Length = 4 }", text);
    }
}
