using Governance.Client.Auth;

namespace Governance.Cli.Infrastructure;

/// <summary>Member sign-in from the configured member id and private key file.</summary>
internal static class MemberKeyTokens
{
    public static ITokenProvider Create(CliSettings settings)
    {
        var member = settings.RequireMember();
        var keyPath = settings.RequireKeyPath();
        _ = member;
        _ = keyPath;
        throw new CliUsageException("Member sign-in with a key file is not available in this build.");
    }
}
