using Jose;

namespace Governance.Api.Service.Custody;

/// <summary>
/// A running instance's answer to a replica's request for the key-encryption key: its own attestation over the
/// request id (binding its identity key and build), and, signed by that identity key, the key encrypted to the
/// transit key the requester's attestation bound. Only the requester's VM can open it, and only an attested instance
/// of an approved build can have made it.
/// </summary>
internal sealed record KeyTransferAnswer(ServiceAttestation Responder, string Signed)
{
    public string ToJson() => JsonSerializer.Serialize(this, KeyRequests.Json);

    public static KeyTransferAnswer Make(Guid requestId, string keyId, ReadOnlySpan<byte> key, ServiceJwk requesterTransit, ServiceAttestation responder, ServiceIdentity identity)
    {
        var payload = new KeyTransferPayload(requestId.ToString("D"), keyId, TransitSealing.Seal(key, requesterTransit));
        return new KeyTransferAnswer(responder, identity.Sign(JsonSerializer.Serialize(payload, KeyRequests.Json)));
    }

    /// <summary>The payload, once the signature verifies with the responder's attested identity key; null otherwise.</summary>
    public KeyTransferPayload? VerifiedPayload()
    {
        try
        {
            using var key = Responder.Keys.Identity.ToECDsa();
            var header = JWT.Headers(Signed);
            if (!header.TryGetValue("kid", out var kid) || kid as string != Responder.Keys.Identity.Kid)
            {
                return null;
            }

            return JsonSerializer.Deserialize<KeyTransferPayload>(JWT.Decode(Signed, key, JwsAlgorithm.ES384), KeyRequests.Json);
        }
        catch (Exception e) when (e is JoseException or CryptographicException or ArgumentException or FormatException or JsonException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static KeyTransferAnswer? Parse(string json)
    {
        try
        {
            return json.Length <= 2 * ServiceEvidenceCheck.MaxAttestationChars ? JsonSerializer.Deserialize<KeyTransferAnswer>(json, KeyRequests.Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <param name="RequestId">The request answered, so an answer cannot be replayed to another.</param>
/// <param name="KeyId">The key-encryption key's id.</param>
/// <param name="Key">The key, as a compact JWE to the requester's transit key.</param>
internal sealed record KeyTransferPayload(string RequestId, string KeyId, string Key);
