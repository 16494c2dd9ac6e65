using Governance.GuestEvidence;

namespace Governance.Api.Application.Custody;

/// <summary>
/// The key sealed to the key this chip's firmware derives for this build, inside the caller's unit of work: sealed so
/// the next start on this chip opens it alone, and opened at that start. Without a derived key (no /dev/sev-guest)
/// nothing is sealed or opened, and restarts ask a replica or the share holders.
/// </summary>
internal sealed partial class ChipSeal(
    IServiceCustodyRepository store, KeyCustody custody, ISealingKeySource sealingKeys, TimeProvider time, ILogger<ChipSeal> logger)
{
    public async Task SealAsync(string keyId, byte[] key, CancellationToken cancellationToken)
    {
        if (await SealingKeyAsync(cancellationToken) is not { } sealingKey)
        {
            return;
        }

        var (chipId, measurement) = (custody.ChipId!, custody.Measurement!);
        await store.SaveSealAsync(new MeasurementSeal(keyId, chipId, measurement, MeasurementSealing.Seal(sealingKey, key, keyId, chipId, measurement), time.GetUtcNow()), cancellationToken);
        CryptographicOperations.ZeroMemory(sealingKey);
    }

    /// <returns>The key sealed for this chip and build; null when there is no seal here, no derived key, or the seal does not open with it.</returns>
    public async Task<byte[]?> OpenAsync(string keyId, CancellationToken cancellationToken)
    {
        var (chipId, measurement) = (custody.ChipId!, custody.Measurement!);
        if (await store.FindSealAsync(keyId, chipId, measurement, cancellationToken) is not { } seal
            || await SealingKeyAsync(cancellationToken) is not { } sealingKey)
        {
            return null;
        }

        try
        {
            return MeasurementSealing.Open(sealingKey, seal.Sealed, keyId, chipId, measurement);
        }
        catch (CryptographicException)
        {
            // Another chip behind a masked chip id, or a seal written by someone without this chip's key: ask a replica.
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sealingKey);
        }
    }

    private async Task<byte[]?> SealingKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await sealingKeys.GetSealingKeyAsync(cancellationToken);
        }
        catch (EvidenceUnavailableException e)
        {
            LogNoSealingKey(logger, sealingKeys.Name, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Confidential mode: no sealing key from {Source} ({Reason}); restarts will need a replica or the recovery shares")]
    private static partial void LogNoSealingKey(ILogger logger, string source, string reason);
}
