using Governance.Api.Service.Custody;
using Governance.Domain.Custody;
using Governance.GuestEvidence;

namespace Governance.Api.Application.Custody;

/// <summary>
/// Seals the key to the key this chip's firmware derives for this build, inside the caller's unit of work, so the
/// next start on this chip opens it alone. Without a derived key (no /dev/sev-guest) nothing is sealed, and restarts
/// ask a replica or the share holders.
/// </summary>
internal sealed class SealToThisChip(IServiceCustodyRepository store, KeyCustody custody, ISealingKeySource sealingKeys, TimeProvider time)
{
    public async Task SealAsync(string keyId, byte[] key, CancellationToken cancellationToken)
    {
        byte[] sealingKey;
        try
        {
            sealingKey = await sealingKeys.GetSealingKeyAsync(cancellationToken);
        }
        catch (EvidenceUnavailableException)
        {
            return;
        }

        var (chipId, measurement) = (custody.ChipId!, custody.Measurement!);
        await store.SaveSealAsync(new MeasurementSeal(keyId, chipId, measurement, MeasurementSealing.Seal(sealingKey, key, keyId, chipId, measurement), time.GetUtcNow()), cancellationToken);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(sealingKey);
    }
}
