using System.CommandLine;
using Governance.Client.Auth;

namespace Governance.Cli.Commands;

/// <summary>`governance token`: prints a member-signed bearer token, e.g. for Swagger's Authorize button.</summary>
public static class TokenCommand
{
    public static Command Build()
    {
        var member = new Option<string>("--member") { Description = "Your member id (the token's iss and sub).", Required = true };
        var key = new Option<FileInfo>("--key") { Description = "Your private key (PEM), as written by `governance keys new`.", Required = true };
        var audience = new Option<string>("--audience") { Description = "The service's audience.", DefaultValueFactory = _ => MemberTokenFactory.DefaultAudience };
        var lifetime = new Option<TimeSpan>("--lifetime") { Description = "How long the token lives (at most 00:10:00).", DefaultValueFactory = _ => MemberTokenFactory.DefaultLifetime };
        var command = new Command("token", "Print a member-signed bearer token.") { member, key, audience, lifetime };
        command.SetAction((parseResult, _) => PrintAsync(parseResult.GetValue(member)!, parseResult.GetValue(key)!, parseResult.GetValue(audience)!,
            parseResult.GetValue(lifetime), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> PrintAsync(string member, FileInfo key, string audience, TimeSpan lifetime, TextWriter stdout, TextWriter stderr)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromMinutes(10))
        {
            await stderr.WriteLineAsync("error: --lifetime must be positive and at most 00:10:00 (the service refuses longer tokens).");
            return 2;
        }

        if (!key.Exists)
        {
            await stderr.WriteLineAsync($"error: {key.FullName} does not exist.");
            return 2;
        }

        try
        {
            using var factory = MemberTokenFactory.FromPemFile(member, key.FullName);
            await stdout.WriteLineAsync(factory.CreateToken(audience, lifetime));
            return 0;
        }
        catch (Exception exception) when (exception is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            await stderr.WriteLineAsync($"error: {key.FullName} is not an ECDSA P-256 or P-384 private key in PEM.");
            return 2;
        }
    }
}
