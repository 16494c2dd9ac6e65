using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Attestation.Tests.Support;

/// <summary>Parses a facts.txt TCB line such as {'fmc': 1, 'bl': 1, 'tee': 1, 'snp': 4, 'ucode': 81, 'raw': '0x51...'}.</summary>
public static partial class TcbFact
{
    public static IReadOnlyDictionary<string, string> Parse(string value) =>
        Pair().Matches(value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('\''), StringComparer.Ordinal);

    public static ulong Hex(string value) => ulong.Parse(value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"'([a-zA-Z0-9_]+)':\s*('[^']*'|\d+)")]
    private static partial Regex Pair();
}
