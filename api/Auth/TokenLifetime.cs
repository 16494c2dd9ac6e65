namespace Governance.Api.Auth;

/// <summary>
/// The one lifetime rule for every bearer token, member-signed or external: <c>iat</c> and <c>nbf</c>, where
/// present, may not lie in the future beyond the clock skew, at least one of them must be present, and
/// <c>exp</c> may lie at most <c>maximum</c> after the earlier of them. Without the first condition a token
/// claiming to be issued a year from now, with no <c>nbf</c>, would pass a ten-minute cap and serve for a year.
/// </summary>
internal static class TokenLifetime
{
    /// <summary>
    /// The clock Microsoft.IdentityModel checks <c>exp</c> and <c>nbf</c> against (the system's); <c>iat</c> is checked
    /// against the same one, so the three never disagree about what "now" is.
    /// </summary>
    public static TimeProvider Clock => TimeProvider.System;

    /// <returns>Why the token is refused, or null when its lifetime is acceptable.</returns>
    public static string? Check(JsonWebToken token, DateTimeOffset now, TimeSpan clockSkew, TimeSpan maximum)
    {
        ArgumentNullException.ThrowIfNull(token);
        var latestAcceptable = now.UtcDateTime + clockSkew;
        DateTime? start = null;
        foreach (var claim in (ReadOnlySpan<string>)["iat", "nbf"])
        {
            if (!token.TryGetPayloadValue<long>(claim, out var seconds))
            {
                continue;
            }

            var at = DateTime.UnixEpoch.AddSeconds(Math.Clamp(seconds, 0, 253402300799L));
            if (at > latestAcceptable)
            {
                return $"The token's {claim} lies in the future.";
            }

            start = start is { } earlier && earlier < at ? earlier : at;
        }

        if (start is null)
        {
            return "The token carries neither iat nor nbf, so its lifetime cannot be bounded.";
        }

        return token.ValidTo - start.Value > maximum
            ? $"The token lives longer than {Describe(maximum)}."
            : null;
    }

    private static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.##} hours" : $"{span.TotalMinutes:0.##} minutes";
}
