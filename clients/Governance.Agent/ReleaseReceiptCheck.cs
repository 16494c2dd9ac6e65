using JWT = Jose.JWT;
using JwsAlgorithm = Jose.JwsAlgorithm;

namespace Governance.Agent;

/// <summary>
/// Checks a release response's receipt before the agent uses anything in it: the JWS verifies (ES256) with the
/// service receipt key its kid names, and its payload names this contract, this VM's wrapping key and exactly
/// the values the response carries. A response that fails was not what the service signed for this VM.
/// </summary>
public static class ReleaseReceiptCheck
{
    public static ReleaseReceipt Verify(string jws, ServiceJwkSet serviceKeys, string contractId, string wrappingKeyThumbprint, ReleaseResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var payload = VerifyServiceSignature(jws, serviceKeys, "receipt");
        var receipt = Parse(payload);
        if (receipt.ContractId != contractId)
        {
            throw new ReceiptRejectedException($"The receipt is for contract '{receipt.ContractId}', not '{contractId}'.");
        }

        if (!CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(receipt.WrappingKeyThumbprint), System.Text.Encoding.ASCII.GetBytes(wrappingKeyThumbprint)))
        {
            throw new ReceiptRejectedException("The receipt names another wrapping key than this VM's.");
        }

        string[] carried =
        [
            .. response.Secrets.Select(s => ReleaseReceipt.SecretItem(s.Owner, s.Name)),
            .. response.Datasets.Select(d => ReleaseReceipt.DatasetItem(d.Owner, d.Name)),
        ];
        if (!carried.Order(StringComparer.Ordinal).SequenceEqual(receipt.Released.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            throw new ReceiptRejectedException(
                $"The response carries {string.Join(", ", carried)} but the receipt names {string.Join(", ", receipt.Released)}.");
        }

        return receipt;
    }

    /// <summary>
    /// The payload of <paramref name="jws"/> if it is signed ES256 by a receipt key of <paramref name="serviceKeys"/> (the
    /// one its kid names); <see cref="ReceiptRejectedException"/> naming <paramref name="what"/> otherwise.
    /// </summary>
    public static string VerifyServiceSignature(string jws, ServiceJwkSet serviceKeys, string what)
    {
        ArgumentNullException.ThrowIfNull(serviceKeys);
        IDictionary<string, object> header;
        try
        {
            header = JWT.Headers(jws);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or Jose.JoseException or JsonException)
        {
            throw new ReceiptRejectedException($"The {what} is not a compact JWS.", exception);
        }

        if (!header.TryGetValue("alg", out var alg) || alg as string != ServiceJwk.ReceiptAlgorithm)
        {
            throw new ReceiptRejectedException($"The {what} is not signed {ServiceJwk.ReceiptAlgorithm}.");
        }

        var kid = header.TryGetValue("kid", out var value) ? value as string : null;
        var key = serviceKeys.Keys.FirstOrDefault(k => k.Kid == kid && k.Alg == ServiceJwk.ReceiptAlgorithm)
            ?? throw new ReceiptRejectedException($"The {what}'s key '{kid}' is not a receipt key of the service.");

        try
        {
            using var publicKey = key.ToECDsa();
            return JWT.Decode(jws, publicKey, JwsAlgorithm.ES256);
        }
        catch (Exception exception) when (exception is Jose.JoseException or CryptographicException or FormatException or ArgumentException)
        {
            throw new ReceiptRejectedException($"The {what}'s signature does not verify with the service key '{kid}'.", exception);
        }
    }

    private static ReleaseReceipt Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<ReleaseReceipt>(payload, GovernanceJson.Options)
                ?? throw new ReceiptRejectedException("The receipt's payload is empty.");
        }
        catch (JsonException exception)
        {
            throw new ReceiptRejectedException("The receipt's payload is not a release receipt.", exception);
        }
    }
}
