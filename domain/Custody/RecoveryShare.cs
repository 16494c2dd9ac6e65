namespace Governance.Domain.Custody;

/// <summary>
/// One point (x, f(x)) on each of the secret's byte polynomials: <see cref="Index"/> is x, the same for every byte,
/// and <see cref="Value"/> holds f(x) byte by byte, as long as the secret.
/// </summary>
/// <remarks>
/// Equality compares the index and the value's bytes (in constant time, as the value is secret material), not
/// the array references a record would otherwise compare. The hash code uses the index and length only, so
/// putting a share in a hash set does not spread its content through hash buckets.
/// <see cref="Value"/> is the array given, not a copy, so a holder who zeroes it zeroes the share.
/// </remarks>
public sealed record RecoveryShare
{
    /// <summary>The shortest encoding: an index byte and a one-byte value.</summary>
    public const int MinEncodedLength = 2;

    /// <summary>The longest encoding: an index byte and a value as long as the longest secret.</summary>
    public const int MaxEncodedLength = 1 + ShamirSecretSharing.MaxSecretLength;

    /// <summary>Builds a share after checking that it could have come from <see cref="ShamirSecretSharing.Split"/>.</summary>
    /// <param name="index">The x coordinate, 1–255; 0 is where the secret itself sits.</param>
    /// <param name="value">The polynomials' values at <paramref name="index"/>, 1–<see cref="ShamirSecretSharing.MaxSecretLength"/> bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is 0.</exception>
    /// <exception cref="ArgumentException">The value is empty or longer than the longest secret.</exception>
    public RecoveryShare(byte index, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfZero(index);
        if (value.Length is 0 or > ShamirSecretSharing.MaxSecretLength)
        {
            throw new ArgumentException(
                $"A share's value is 1–{ShamirSecretSharing.MaxSecretLength} bytes, as long as the secret; this one is {value.Length}.", nameof(value));
        }

        Index = index;
        Value = value;
    }

    /// <summary>The x coordinate at which the polynomials were evaluated, 1–255.</summary>
    public byte Index { get; }

    /// <summary>The polynomials' values at <see cref="Index"/>, one byte per secret byte.</summary>
    public byte[] Value { get; }

    /// <summary>The transport encoding: the index byte followed by the value.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[1 + Value.Length];
        bytes[0] = Index;
        Value.CopyTo(bytes, 1);
        return bytes;
    }

    /// <summary>Reads the encoding <see cref="ToBytes"/> writes.</summary>
    /// <param name="encoded">The index byte followed by the value.</param>
    /// <exception cref="FormatException">
    /// The encoding is shorter than <see cref="MinEncodedLength"/> or longer than <see cref="MaxEncodedLength"/>
    /// bytes, or its index is 0.
    /// </exception>
    public static RecoveryShare Parse(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length is < MinEncodedLength or > MaxEncodedLength)
        {
            throw new FormatException(
                $"A recovery share is {MinEncodedLength}–{MaxEncodedLength} bytes (an index byte, then the value); this one is {encoded.Length}.");
        }

        if (encoded[0] == 0)
        {
            throw new FormatException("A recovery share's index is 1–255; 0 is where the secret itself sits.");
        }

        return new RecoveryShare(encoded[0], encoded[1..].ToArray());
    }

    /// <summary>Whether <paramref name="other"/> has the same index and the same value bytes.</summary>
    public bool Equals(RecoveryShare? other) =>
        other is not null && Index == other.Index && CryptographicOperations.FixedTimeEquals(Value, other.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Index, Value.Length);

    /// <summary>The index and length, never the value: a share must not reach a log.</summary>
    public override string ToString() => $"RecoveryShare {{ Index = {Index}, Length = {Value.Length} }}";
}
