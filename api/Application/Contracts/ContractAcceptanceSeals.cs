using Jose;

namespace Governance.Api.Application.Contracts;

/// <summary>
/// Signs and checks acceptance seals: compact JWS, ES256, with the service receipt key (its private half is stored only
/// sealed by the key-encryption key). A seal that verified once is remembered with the contract and digest it names,
/// so the release path pays for one signature check per contract and process, not per release.
/// </summary>
internal sealed class ContractAcceptanceSeals(IServiceSigningKeys keys) : IContractAcceptanceSeals
{
    // Bounded: seals come from the database, one per accepted contract; past this many the cache starts over.
    private const int MaxRemembered = 10_000;
    private const int MaxSealLength = 4000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, (string ContractId, string Digest)> verified = new(StringComparer.Ordinal);

    public async Task<string> SealAsync(Contract contract, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var key = await keys.GetCurrentAsync(ServiceKeyPurpose.Receipts, cancellationToken);
        var statement = new ContractAcceptance(contract.Id.ToString("D"), contract.DigestHex, [.. contract.Parties], contract.DecidedAt ?? contract.UpdatedAt);
        var headers = new Dictionary<string, object> { ["kid"] = key.KeyId, ["typ"] = ContractAcceptance.Type };
        return JWT.Encode(JsonSerializer.Serialize(statement, Json), key.PrivateKey, JwsAlgorithm.ES256, extraHeaders: headers);
    }

    public async Task<bool> VerifyAsync(string contractId, string digestHex, string? seal, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(seal) || seal.Length > MaxSealLength)
        {
            return false;
        }

        if (!verified.TryGetValue(seal, out var named))
        {
            if (await ReadVerifiedAsync(seal, cancellationToken) is not { } statement)
            {
                return false;
            }

            if (verified.Count >= MaxRemembered)
            {
                verified.Clear();
            }

            named = (statement.ContractId, statement.ContractDigest);
            verified[seal] = named;
        }

        return named.ContractId == contractId && FixedTimeEquals(named.Digest, digestHex);
    }

    private async Task<ContractAcceptance?> ReadVerifiedAsync(string seal, CancellationToken cancellationToken)
    {
        try
        {
            var header = JWT.Headers(seal);
            if (!header.TryGetValue("kid", out var kid) || kid is not string keyId
                || !header.TryGetValue("typ", out var typ) || typ as string != ContractAcceptance.Type)
            {
                return null;
            }

            var key = (await keys.GetAllAsync(cancellationToken))
                .FirstOrDefault(k => k.KeyId == keyId && k.Purpose == ServiceKeyPurpose.Receipts);
            if (key is null)
            {
                return null;
            }

            return JsonSerializer.Deserialize<ContractAcceptance>(JWT.Decode(seal, key.PrivateKey, JwsAlgorithm.ES256), Json);
        }
        catch (Exception exception) when (exception is JoseException or ArgumentException or FormatException or JsonException or CryptographicException)
        {
            return null;
        }
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
