namespace Governance.Cli.Infrastructure;

/// <summary>
/// The config file (<c>~/.config/governance/config.json</c>, or <c>$XDG_CONFIG_HOME/governance/config.json</c>):
/// the defaults that command-line options override.
/// </summary>
public sealed record CliConfig
{
    public const string ServiceKey = "service";
    public const string MemberKey = "member";
    public const string KeyPathKey = "key";
    public const string AudienceKey = "audience";

    public static IReadOnlyList<string> Keys { get; } = [ServiceKey, MemberKey, KeyPathKey, AudienceKey];

    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Service base URL.</summary>
    public string? Service { get; init; }

    /// <summary>The member id this user signs in as.</summary>
    public string? Member { get; init; }

    /// <summary>Path of the member's private key (PEM).</summary>
    public string? Key { get; init; }

    /// <summary>Audience of member tokens, when the service uses one other than its URL.</summary>
    public string? Audience { get; init; }

    public static string DefaultPath()
    {
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(configHome, "governance", "config.json");
    }

    public static CliConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CliConfig();
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path), FileJson) ?? new CliConfig();
        }
        catch (JsonException exception)
        {
            throw new CliUsageException($"The config file {path} is not valid JSON: {exception.Message}", exception);
        }
    }

    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(this, FileJson) + "\n");
    }

    public CliConfig With(string key, string? value) => key switch
    {
        ServiceKey => this with { Service = value is null ? null : CliSettings.ParseServiceUrl(value).ToString() },
        MemberKey => this with { Member = value },
        KeyPathKey => this with { Key = value is null ? null : Path.GetFullPath(value) },
        AudienceKey => this with { Audience = value },
        _ => throw new CliUsageException($"Unknown setting '{key}'. Settings: {string.Join(", ", Keys)}."),
    };
}
