namespace Governance.Cli.Infrastructure;

/// <summary>
/// Where results go: with --json a single JSON document on stdout (nothing else there, so scripts can pipe
/// it), otherwise tables and short lines for people. Messages and errors go to stderr in both modes.
/// </summary>
public sealed class CliOutput
{
    private readonly CliHost _host;

    public CliOutput(CliHost host, bool json)
    {
        _host = host;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Out),
            Ansi = host.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = host.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = host.Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        Console.Profile.Width = host.Interactive ? Console.Profile.Width : 160;
        ErrorConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Error),
            Ansi = host.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = host.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Messages carry paths and URLs that must stay whole for people to copy; only a terminal wraps them.
        ErrorConsole.Profile.Width = host.Interactive ? ErrorConsole.Profile.Width : 4096;
    }

    public bool Json { get; }

    public IAnsiConsole Console { get; }

    public IAnsiConsole ErrorConsole { get; }

    public TextWriter Out => _host.Out;

    public TextWriter Error => _host.Error;

    /// <summary>Writes <paramref name="value"/> as JSON (always, whatever the mode).</summary>
    public void WriteJson<T>(T value) => _host.Out.WriteLine(JsonSerializer.Serialize(value, GovernanceJson.Indented));

    /// <summary>JSON of <paramref name="value"/> with --json, otherwise what <paramref name="human"/> draws.</summary>
    public void Write<T>(T value, Action<IAnsiConsole> human)
    {
        if (Json)
        {
            WriteJson(value);
        }
        else
        {
            human(Console);
        }
    }

    /// <summary>A table of <paramref name="rows"/> for people, the list as JSON with --json.</summary>
    public void WriteTable<T>(IReadOnlyList<T> rows, params (string Header, Func<T, string?> Cell)[] columns)
    {
        Write(rows, console =>
        {
            if (rows.Count == 0)
            {
                console.MarkupLine("[grey](none)[/]");
                return;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var (header, _) in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(header)));
            }

            foreach (var row in rows)
            {
                table.AddRow(columns.Select(c => (IRenderable)new Text(c.Cell(row) ?? "")).ToArray());
            }

            console.Write(table);
        });
    }

    /// <summary>Field/value pairs for one object; JSON of <paramref name="value"/> with --json.</summary>
    public void WriteDetails<T>(T value, params (string Field, string? Value)[] fields)
    {
        Write(value, console =>
        {
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            foreach (var (field, text) in fields)
            {
                grid.AddRow(new Text(field, new Style(decoration: Decoration.Bold)), new Text(text ?? ""));
            }

            console.Write(grid);
        });
    }

    /// <summary>A short confirmation for people (stderr with --json, so stdout stays pure JSON).</summary>
    public void Done(string message)
    {
        (Json ? ErrorConsole : Console).MarkupLine($"[green]✓[/] {Markup.Escape(message)}");
    }

    public void Note(string message) => ErrorConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
}
