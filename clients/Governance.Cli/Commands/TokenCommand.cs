namespace Governance.Cli.Commands;

/// <summary>
/// `governance token`: prints a member-signed bearer token, e.g. for Swagger's Authorize button. The member and key
/// are the global --member and --key (or the config file's), like every other command's.
/// </summary>
public static class TokenCommand
{
    public static Command Build(CliHost host)
    {
        var audience = new Option<string>("--audience") { Description = "The service's audience.", DefaultValueFactory = _ => MemberTokenFactory.DefaultAudience };
        var lifetime = new Option<TimeSpan>("--lifetime") { Description = "How long the token lives (at most 00:10:00).", DefaultValueFactory = _ => MemberTokenFactory.DefaultLifetime };
        var command = new Command("token", "Print a bearer token signed with your key (--member, --key).") { audience, lifetime };
        command.SetAction((parseResult, _) => PrintAsync(host, parseResult, parseResult.GetValue(audience)!, parseResult.GetValue(lifetime),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> PrintAsync(CliHost host, ParseResult parseResult, string audience, TimeSpan lifetime, TextWriter stdout, TextWriter stderr)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromMinutes(10))
        {
            await stderr.WriteLineAsync("error: --lifetime must be positive and at most 00:10:00 (the service refuses longer tokens).");
            return ExitCodes.Usage;
        }

        CliSettings settings;
        string member, keyPath;
        try
        {
            settings = new CliContext(host, parseResult).Settings;
            member = settings.RequireMember();
            keyPath = settings.RequireKeyPath();
        }
        catch (Exception exception) when (exception is CliUsageException or IOException or System.Text.Json.JsonException)
        {
            await stderr.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.Usage;
        }

        try
        {
            using var factory = MemberTokenFactory.FromPemFile(member, keyPath);
            var token = factory.CreateToken(audience, lifetime);
            await stdout.WriteLineAsync(settings.Json
                ? JsonSerializer.Serialize(new IssuedToken(token, member, audience, lifetime), GovernanceJson.Indented)
                : token);
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (exception is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            await stderr.WriteLineAsync($"error: {Path.GetFullPath(keyPath)} is not an ECDSA P-256 or P-384 private key in PEM.");
            return ExitCodes.Usage;
        }
    }

    /// <summary>The token and what it was made for, as `token --json` prints it.</summary>
    private sealed record IssuedToken(string Token, string Member, string Audience, TimeSpan Lifetime);
}
