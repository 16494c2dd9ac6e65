namespace Governance.Protocol.Secrets;

public static class SecretLimits
{
    /// <summary>Largest secret value in bytes (64 KiB).</summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>Longest secret name.</summary>
    public const int MaxNameLength = 100;
}
