namespace Governance.Domain.Custody;

/// <summary>
/// Launch measurements of service builds (48 bytes, lowercase hex): the builds the consortium trusts to hold its
/// key-encryption key. An instance of any other build is refused the key, and refuses to unseal it itself.
/// </summary>
public static class ServiceMeasurements
{
    public const int Bytes = 48;

    /// <summary>At most this many builds are approved at once: an upgrade needs two (old and new), not dozens.</summary>
    public const int MaxApproved = 16;

    public static string Require(string? hex, string field = "measurements")
    {
        if (hex is null || hex.Length != 2 * Bytes || !hex.All(Uri.IsHexDigit))
        {
            throw DomainException.Invalid($"A service measurement is {Bytes} bytes written in hex ({2 * Bytes} characters).",
                new Dictionary<string, string[]> { [field] = [$"{2 * Bytes} hex characters each."] });
        }

        return hex.ToLowerInvariant();
    }

    /// <summary>One to <see cref="MaxApproved"/> distinct measurements, lowercased and sorted, so equal sets compare equal.</summary>
    public static IReadOnlyList<string> RequireSet(IEnumerable<string?>? measurements)
    {
        var list = (measurements ?? []).Take(MaxApproved + 1).Select(m => Require(m)).ToList();
        if (list.Count is 0 or > MaxApproved)
        {
            throw DomainException.Invalid($"Approve 1 to {MaxApproved} service measurements.",
                new Dictionary<string, string[]> { ["measurements"] = [$"1 to {MaxApproved} measurements."] });
        }

        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            throw DomainException.Invalid("The same measurement is listed twice.");
        }

        return [.. list.Order(StringComparer.Ordinal)];
    }

    public static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
