namespace Governance.Cli.Infrastructure;

/// <summary>What scripts can rely on, for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done as asked (or, for verifications, the thing verified).</summary>
    public const int Ok = 0;

    /// <summary>The service refused or the input was judged invalid (403, 404, 409, 422, a failed verification, …).</summary>
    public const int Refused = 1;

    /// <summary>Bad command line or unusable local input (missing file, unreadable key, no service URL).</summary>
    public const int Usage = 2;

    /// <summary>The service could not be reached, or stayed unavailable after retries.</summary>
    public const int Unreachable = 3;
}
