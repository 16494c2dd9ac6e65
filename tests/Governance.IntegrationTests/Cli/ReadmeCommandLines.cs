using System.Text.RegularExpressions;

namespace Governance.IntegrationTests.Cli;

/// <summary>
/// The command lines README documents for the <c>governance</c> CLI: every line of a code block that starts with
/// <c>governance </c> or <c>dotnet run --project clients/Governance.Cli -- </c>, and every inline code span that starts
/// with <c>governance </c>. Each becomes the arguments the CLI's parser receives, with comments cut, optional
/// groups (<c>[…]</c>) kept apart and alternatives (<c>a|b</c>) resolved to their first choice.
/// </summary>
internal static partial class ReadmeCommandLines
{
    private const string DotnetRunPrefix = "dotnet run --project clients/Governance.Cli -- ";

    public static IReadOnlyList<ReadmeCommand> Read(string readme)
    {
        var commands = new List<ReadmeCommand>();
        var inBlock = false;
        foreach (var (line, number) in readme.Split('\n').Select((l, i) => (l.TrimEnd('\r'), i + 1)))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }

            if (inBlock)
            {
                var text = line.Trim();
                if (text.StartsWith("governance ", StringComparison.Ordinal))
                {
                    commands.Add(Parse(text["governance ".Length..], number, inline: false));
                }
                else if (text.StartsWith(DotnetRunPrefix, StringComparison.Ordinal))
                {
                    commands.Add(Parse(text[DotnetRunPrefix.Length..], number, inline: false));
                }

                continue;
            }

            foreach (Match span in InlineCommand().Matches(line))
            {
                commands.Add(Parse(span.Groups[1].Value, number, inline: true));
            }
        }

        return commands;
    }

    private static ReadmeCommand Parse(string text, int line, bool inline)
    {
        var comment = text.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0)
        {
            text = text[..comment];
        }

        var required = new List<string>();
        var optional = new List<IReadOnlyList<string>>();
        foreach (Match part in Part().Matches(text))
        {
            if (part.Groups["optional"].Success)
            {
                // "[--proof proof.json | --service URL]": the first choice.
                var choice = part.Groups["optional"].Value.Split('|')[0];
                optional.Add(choice.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(First).ToList());
            }
            else
            {
                required.Add(First(part.Value));
            }
        }

        return new ReadmeCommand(line, text.Trim(), required, optional, inline);
    }

    // "service|member|key" → "service"; "jsonl|csv" → "jsonl". A lone "|" is not an alternative.
    private static string First(string token) => token.Length > 1 && token.Contains('|') ? token.Split('|')[0] : token;

    [GeneratedRegex(@"`governance ([^`]+)`")]
    private static partial Regex InlineCommand();

    [GeneratedRegex(@"\[(?<optional>[^\]]*)\]|[^\s\[\]]+")]
    private static partial Regex Part();
}

/// <summary>
/// One documented command: where it stands, its words, its optional groups, and whether it stands inline in prose
/// (where README may name a command without the options a run needs).
/// </summary>
internal sealed record ReadmeCommand(int Line, string Text, IReadOnlyList<string> Words, IReadOnlyList<IReadOnlyList<string>> Optional, bool Inline)
{
    /// <summary>The words before the first option: the command path, e.g. <c>audit export</c>.</summary>
    public string Path => string.Join(' ', Words.TakeWhile(w => !w.StartsWith('-')).TakeWhile(w => w.All(c => char.IsLower(c) || c == '-')));
}
