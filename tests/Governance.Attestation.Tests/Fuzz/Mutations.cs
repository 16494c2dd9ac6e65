using CsCheck;

namespace Governance.Attestation.Tests.Fuzz;

/// <summary>Generators of random and mutated inputs.</summary>
public static class Mutations
{
    /// <summary>Random byte strings up to <paramref name="maxLength"/>.</summary>
    public static Gen<byte[]> Random(int maxLength) => Gen.Byte.Array[0, maxLength];

    /// <summary>
    /// Copies of <paramref name="seed"/> with 1-16 bytes overwritten or bit-flipped, sometimes truncated or extended,
    /// sometimes with a little-endian u32 at a random offset set to a boundary value (lengths, offsets, sizes).
    /// </summary>
    public static Gen<byte[]> Of(byte[] seed) =>
        Gen.Select(Gen.Int[0, seed.Length - 1].Array[1, 16], Gen.Byte.Array[16], Gen.Int[0, 5], Gen.OneOf(0u, 1u, 2u, 0x20u, 0x4C0u, 0xFFFFu, 0x7FFFFFFFu, 0xFFFFFFFFu))
            .Select<int[], byte[], int, uint, byte[]>((positions, values, mode, boundary) =>
            {
                var copy = (byte[])seed.Clone();
                for (var i = 0; i < positions.Length; i++)
                {
                    copy[positions[i]] = mode == 0 ? values[i] : (byte)(copy[positions[i]] ^ (1 << (values[i] & 7)));
                }

                switch (mode)
                {
                    case 2:
                        return copy[..positions[0]];
                    case 3:
                        return [.. copy, .. values.AsSpan()];
                    case 4 when positions[0] + 4 <= copy.Length:
                        BitConverter.TryWriteBytes(copy.AsSpan(positions[0]), boundary);
                        break;
                }

                return copy;
            });

    /// <summary>An even mix of random inputs and mutations of each seed.</summary>
    public static Gen<byte[]> Mixed(int maxRandomLength, params byte[][] seeds) =>
        Gen.OneOf([Random(maxRandomLength), .. seeds.Select(Of)]);
}
