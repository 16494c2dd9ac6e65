namespace Governance.Cli.Infrastructure;

/// <summary>Member sign-in from the configured member id and private key file.</summary>
internal static class MemberKeyTokens
{
    public static ITokenProvider Create(CliSettings settings)
    {
        var member = settings.RequireMember();
        var keyPath = settings.RequireKeyPath();
        try
        {
            return MemberKeyTokenProvider.FromPemFile(member, keyPath, settings.Audience ?? MemberTokenFactory.DefaultAudience);
        }
        catch (Exception exception) when (exception is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliUsageException($"The key file {keyPath} does not hold an ECDSA P-256 or P-384 private key: {exception.Message}", exception);
        }
    }
}
