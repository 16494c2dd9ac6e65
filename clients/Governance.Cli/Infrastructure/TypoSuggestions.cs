namespace Governance.Cli.Infrastructure;

/// <summary>
/// "Did you mean": for the first word the parser could not place, the subcommands (or, for an option, the options)
/// of the command it was typed under whose names are a few edits away.
/// </summary>
public static class TypoSuggestions
{
    private const int MaxSuggestions = 3;

    public static IReadOnlyList<string> For(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.UnmatchedTokens.Count == 0 || parseResult.UnmatchedTokens[0] is not { Length: > 0 } typed)
        {
            return [];
        }

        var command = parseResult.CommandResult.Command;
        IEnumerable<string> candidates = typed.StartsWith('-')
            ? command.Options.Concat(parseResult.RootCommandResult.Command.Options.Where(o => o.Recursive)).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        var tolerance = Math.Max(1, typed.Length / 3);
        return [.. candidates.Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: EditDistance(typed, name)))
            .Where(c => c.Distance <= tolerance || (typed.Length >= 3 && c.Name.StartsWith(typed, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => c.Name)];
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
