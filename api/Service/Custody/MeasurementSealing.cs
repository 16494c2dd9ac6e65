namespace Governance.Api.Service.Custody;

/// <summary>
/// Seals the key-encryption key with the key the SEV-SNP firmware derives for this chip and this build (MSG_KEY_REQ):
/// AES-256-GCM, with the key's id, the chip and the measurement as associated data, so a seal moved to another row
/// does not open.
/// </summary>
internal static class MeasurementSealing
{
    public static byte[] Seal(byte[] sealingKey, ReadOnlySpan<byte> key, string keyId, string chipId, string measurement) =>
        KeyEncryptionKeyRing.Seal(sealingKey, key, Aad(keyId, chipId, measurement));

    public static byte[] Open(byte[] sealingKey, ReadOnlySpan<byte> sealedKey, string keyId, string chipId, string measurement) =>
        KeyEncryptionKeyRing.Open(sealingKey, sealedKey, Aad(keyId, chipId, measurement));

    private static byte[] Aad(string keyId, string chipId, string measurement) =>
        Encoding.UTF8.GetBytes($"governance-kek-seal-v1\0{keyId}\0{chipId}\0{measurement}");
}
