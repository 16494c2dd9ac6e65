namespace Governance.Egress;

/// <summary>
/// A name read from an output as it may appear in a violation: at most 64 characters, anything but printable ASCII
/// shown as '?', so a hostile name cannot forge log lines or flood them.
/// </summary>
internal static class Printable
{
    private const int MaxLength = 64;

    public static string Name(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxLength) + 1);
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxLength)))
        {
            builder.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return value.Length > MaxLength ? builder.Append('…').ToString() : builder.ToString();
    }
}
