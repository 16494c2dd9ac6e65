namespace Governance.Cli.Infrastructure;

/// <summary>The settings a command runs with: command-line options over the config file.</summary>
public sealed record CliSettings(Uri? Service, string? Member, string? KeyPath, string? Audience, bool Json, string ConfigPath)
{
    public Uri RequireService() => Service
        ?? throw new CliUsageException("No service URL: pass --service URL or run `governance config set service URL`.");

    public string RequireMember() => Member
        ?? throw new CliUsageException("No member id: pass --member ID or run `governance config set member ID`.");

    public string RequireKeyPath()
    {
        var path = KeyPath ?? throw new CliUsageException("No key file: pass --key FILE or run `governance config set key FILE`.");
        return File.Exists(path) ? path : throw new CliUsageException($"The key file {path} does not exist.");
    }

    public static Uri ParseServiceUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CliUsageException($"'{value}' is not an http(s) URL.");
}
