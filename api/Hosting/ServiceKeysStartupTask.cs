namespace Governance.Api.Hosting;

/// <summary>
/// Seals service signing keys stored before keys were sealed, then opens the current key (creating the first
/// one of each purpose), so a missing or wrong key-encryption key stops the start instead of failing the first signature.
/// </summary>
internal sealed partial class ServiceKeysStartupTask(
    GovernanceDbContext db, KeyEncryptionKeyRing ring, IServiceSigningKeys keys, Service.Custody.KeyCustody custody, ILogger<ServiceKeysStartupTask> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (custody.Enabled)
        {
            // The keys open once the instance holds the key-encryption key (Application/Custody/CustodyOutcome).
            return;
        }

        var sealedNow = await ServiceSigningKeySealing.RewrapAsync(db, ring, legacyOnly: true, cancellationToken);
        if (sealedNow > 0)
        {
            LogSealed(logger, sealedNow, ring.CurrentId);
        }

        foreach (var purpose in Enum.GetValues<ServiceKeyPurpose>())
        {
            var current = await keys.GetCurrentAsync(purpose, cancellationToken);
            LogCurrent(logger, purpose, current.KeyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} stored service signing keys under key-encryption key {KekId}")]
    private static partial void LogSealed(ILogger logger, int count, string kekId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Current service signing key for {Purpose}: {KeyId}")]
    private static partial void LogCurrent(ILogger logger, ServiceKeyPurpose purpose, string keyId);
}
