namespace Governance.Cli.Infrastructure;

/// <summary>Options every command accepts (declared once on the root, recursive).</summary>
public static class GlobalOptions
{
    public static Option<string?> Service { get; } = new("--service")
    {
        Description = "Service base URL (default: the config file's).",
        Recursive = true,
        HelpName = "URL",
    };

    public static Option<string?> Member { get; } = new("--member")
    {
        Description = "Member id to sign in as (default: the config file's).",
        Recursive = true,
        HelpName = "ID",
    };

    public static Option<string?> Key { get; } = new("--key")
    {
        Description = "The member's private key file, PEM (default: the config file's).",
        Recursive = true,
        HelpName = "FILE",
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON instead of tables.",
        Recursive = true,
    };

    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file (default: ~/.config/governance/config.json).",
        Recursive = true,
        HelpName = "FILE",
    };

    public static void AddTo(RootCommand root)
    {
        root.Add(Service);
        root.Add(Member);
        root.Add(Key);
        root.Add(Json);
        root.Add(Config);
    }
}
