namespace Governance.Domain.Contracts;

/// <summary>
/// An amendment keeps every party of the version it amends. Accepting it supersedes that version, and only the
/// amendment's parties approve it, so a party left out would lose the contract it signed without ever agreeing. A
/// party that wants out revokes the contract, which any party may do.
/// </summary>
public static class AmendmentParties
{
    public const string Rule = "An amendment keeps every party of the version it amends; a party leaves by revoking the contract.";

    /// <summary>The parties of the version amended that <paramref name="parties"/> leaves out, in their order there.</summary>
    public static IReadOnlyList<string> Dropped(IEnumerable<string> amendedParties, IEnumerable<string?> parties)
    {
        var kept = parties.OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. amendedParties.Where(p => !kept.Contains(p))];
    }

    /// <summary>The fault to report for one dropped party.</summary>
    public static string Fault(string party) => $"Party '{party}' of the version amended is left out. {Rule}";

    /// <summary>Refuses (422, at <c>parties</c>) when <paramref name="parties"/> leaves out a party of the version amended.</summary>
    public static void Require(IEnumerable<string> amendedParties, IEnumerable<string?> parties)
    {
        var dropped = Dropped(amendedParties, parties);
        if (dropped.Count > 0)
        {
            throw DomainException.Invalid($"The amendment leaves out {string.Join(", ", dropped.Select(p => $"'{p}'"))}. {Rule}",
                new Dictionary<string, string[]> { ["parties"] = [.. dropped.Select(Fault)] });
        }
    }
}
