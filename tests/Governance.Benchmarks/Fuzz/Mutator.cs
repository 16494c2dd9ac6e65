namespace Governance.Benchmarks.Fuzz;

/// <summary>
/// Mutations of a genuine input, as a fuzzer makes them: bit flips, bytes set to boundary values, little-endian
/// lengths and offsets set to boundary values, slices cut, repeated or moved, truncation and extension. Deterministic
/// for a given seed, so a failure found is found again.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly byte[] Bytes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF];
    private static readonly uint[] Words = [0, 1, 2, 3, 4, 5, 0x7F, 0x80, 0xFF, 0x100, 0x4A0, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF];

    private readonly Random random = new(seed);

    public byte[] Mutate(byte[] seedInput)
    {
        var data = new List<byte>(seedInput);
        var rounds = 1 + random.Next(4);
        for (var round = 0; round < rounds; round++)
        {
            if (data.Count == 0)
            {
                data.Add((byte)random.Next(256));
                continue;
            }

            var at = random.Next(data.Count);
            switch (random.Next(9))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = Bytes[random.Next(Bytes.Length)];
                    break;
                case 2:
                    data[at] = (byte)random.Next(256);
                    break;
                case 3 when at + 4 <= data.Count:
                    var word = Words[random.Next(Words.Length)];
                    for (var i = 0; i < 4; i++)
                    {
                        data[at + i] = (byte)(word >> (8 * i));
                    }

                    break;
                case 4:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
                    break;
                case 5:
                    var length = Math.Min(data.Count - at, 1 + random.Next(256));
                    data.InsertRange(random.Next(data.Count + 1), data.GetRange(at, length));
                    break;
                case 6:
                    var keep = random.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
                case 7:
                    var extra = new byte[1 + random.Next(128)];
                    random.NextBytes(extra);
                    data.InsertRange(at, extra);
                    break;
                default:
                    var from = random.Next(data.Count);
                    var count = Math.Min(Math.Min(data.Count - from, data.Count - at), 1 + random.Next(32));
                    var slice = data.GetRange(from, count);
                    for (var i = 0; i < count; i++)
                    {
                        data[at + i] = slice[i];
                    }

                    break;
            }
        }

        return [.. data];
    }

    public int Next(int maxValue) => random.Next(maxValue);
}
