namespace Governance.Domain.Custody;

/// <summary>
/// The values derived from the key-encryption key that let the database hold evidence about it without holding it:
/// a check value (is this the key?) and a seal over the custody rules (did a holder of the key write them?).
/// </summary>
public static class CustodySeals
{
    public const int KeyBytes = 32;

    private static readonly byte[] CheckLabel = Encoding.UTF8.GetBytes("governance-kek-check-v1");
    private static readonly byte[] RulesInfo = Encoding.UTF8.GetBytes("governance-custody-rules-v1");

    public static byte[] KeyCheck(ReadOnlySpan<byte> key) => HMACSHA256.HashData(key, CheckLabel);

    public static bool IsKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> check) =>
        key.Length == KeyBytes && CryptographicOperations.FixedTimeEquals(KeyCheck(key), check);

    /// <summary>
    /// HMAC-SHA256, under a key derived from the key-encryption key, of the approved builds and the recovery policy.
    /// Someone with the database alone can change the rules' rows but not make this seal, so an instance holding the
    /// key refuses rules whose seal does not match rather than hand the key to a build nobody voted for.
    /// </summary>
    public static byte[] RulesSeal(ReadOnlySpan<byte> key, ServiceCustodyRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Span<byte> macKey = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, macKey, salt: [], RulesInfo);
        var text = string.Join('\n',
            "measurements=" + string.Join(',', rules.Measurements.Order(StringComparer.Ordinal)),
            "threshold=" + (rules.Recovery?.Threshold ?? 0),
            "holders=" + string.Join(',', rules.Recovery?.Holders ?? []));
        var seal = HMACSHA256.HashData(macKey, Encoding.UTF8.GetBytes(text));
        CryptographicOperations.ZeroMemory(macKey);
        return seal;
    }

    public static bool RulesMatch(ReadOnlySpan<byte> key, ServiceCustodyRules rules, ReadOnlySpan<byte> seal) =>
        CryptographicOperations.FixedTimeEquals(RulesSeal(key, rules), seal);
}
