using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Protocol.Release;

/// <summary>
/// How a released clean room speaks to the service after its release: a compact JWS (RFC 7515) made with the wrapping
/// key the release bound, header <c>{"alg":"PS256"|"ES384","kid":RFC 7638 thumbprint,"typ":"governance-cleanroom-v1"}</c>,
/// over the JSON of a <see cref="CleanRoomStatement"/> that names the contract, a fresh nonce of
/// <c>POST /release/challenges</c> (used once) and what it asks. RSA wrapping keys sign PS256, P-384 keys ES384.
/// </summary>
public static class CleanRoomProof
{
    public const string Type = "governance-cleanroom-v1";

    /// <summary>The longest proof accepted, in characters: a 16 KiB event in base64url with its header and signature.</summary>
    public const int MaxLength = 24 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Signs <paramref name="statement"/> with an RSA wrapping key (PS256).</summary>
    public static string Sign(RSA key, string thumbprint, CleanRoomStatement statement)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Sign("PS256", thumbprint, statement, input => key.SignData(input, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    /// <summary>Signs <paramref name="statement"/> with a P-384 wrapping key (ES384).</summary>
    public static string Sign(ECDsa key, string thumbprint, CleanRoomStatement statement)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Sign("ES384", thumbprint, statement,
            input => key.SignData(input, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>The thumbprint the header names, read without verifying anything, to find the bound key.</summary>
    public static string? KeyIdOf(string? proof)
    {
        var parts = proof?.Split('.');
        if (parts is not { Length: 3 } || parts[0].Length > 1024)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            return header.RootElement.ValueKind == JsonValueKind.Object
                && header.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()
                : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The signed statement if <paramref name="proof"/> verifies with <paramref name="key"/>; null otherwise.</summary>
    public static CleanRoomStatement? Verify(string proof, WrappingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = proof.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            // Explicitly typed (RFC 8725 §3.11), so a JWS the same key made for anything else is not taken for a proof;
            // and no extension is understood here, so a header marking one critical is refused (RFC 7515 §4.1.11).
            if (!header.RootElement.TryGetProperty("typ", out var typ) || typ.ValueKind != JsonValueKind.String || typ.GetString() != Type
                || header.RootElement.TryGetProperty("crit", out _))
            {
                return null;
            }

            var input = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
            var signature = Base64Url.DecodeFromChars(parts[2]);
            var valid = (alg.GetString(), key.Kty) switch
            {
                ("PS256", "RSA") => VerifyRsa(key, input, signature),
                ("ES384", "EC") => VerifyEc(key, input, signature),
                _ => false,
            };
            return valid ? JsonSerializer.Deserialize<CleanRoomStatement>(Base64Url.DecodeFromChars(parts[1]), Json) : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException or CryptographicException)
        {
            return null;
        }
    }

    private static string Sign(string algorithm, string thumbprint, CleanRoomStatement statement, Func<byte[], byte[]> sign)
    {
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { ["alg"] = algorithm, ["kid"] = thumbprint, ["typ"] = Type }));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(statement, Json));
        return $"{header}.{payload}.{Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes($"{header}.{payload}")))}";
    }

    private static bool VerifyRsa(WrappingKey key, byte[] input, byte[] signature)
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64Url.DecodeFromChars(key.N), Exponent = Base64Url.DecodeFromChars(key.E) });
        return rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    private static bool VerifyEc(WrappingKey key, byte[] input, byte[] signature)
    {
        using var ec = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(key.X), Y = Base64Url.DecodeFromChars(key.Y) },
        });
        return ec.VerifyData(input, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }
}

/// <summary>What a clean room signs with its wrapping key (<see cref="CleanRoomProof"/>).</summary>
/// <param name="ContractId">The contract it was released under; must be the route's.</param>
/// <param name="Nonce">A fresh nonce of <c>POST /release/challenges</c>, base64url of 32 bytes; each is used once.</param>
/// <param name="Purpose"><c>consent-check</c> or <c>event</c>.</param>
/// <param name="Event">The event reported, for <c>event</c>.</param>
public sealed record CleanRoomStatement(string ContractId, string Nonce, string Purpose, CleanRoomEvent? Event = null)
{
    public const string ConsentCheck = "consent-check";

    public const string EventReport = "event";
}

/// <summary>
/// A small structured event a clean room reports: a <see cref="Type"/> (1–64 of a–z, 0–9, '.', '_', '-', starting with a
/// letter) and flat <see cref="Attributes"/> (at most 64, names like the type, values strings, numbers, booleans or null).
/// The service timestamps it and appends it to the audit log as <c>cleanroom.event</c>; the whole event is at most 16 KiB.
/// </summary>
/// <param name="Type">What happened, e.g. <c>job.started</c>, <c>output.written</c>.</param>
/// <param name="Attributes">Its details.</param>
public sealed record CleanRoomEvent(string Type, IReadOnlyDictionary<string, JsonElement>? Attributes = null)
{
    /// <summary>The largest event, as UTF-8 JSON.</summary>
    public const int MaxBytes = 16 * 1024;

    public const int MaxAttributes = 64;
}

/// <summary>A request of the clean room's channel: the proof, signed with the wrapping key bound at release.</summary>
/// <param name="Proof">A compact JWS by the wrapping key (<see cref="CleanRoomProof"/>).</param>
public sealed record CleanRoomRequest(string Proof);

/// <summary>What <c>POST /contracts/{id}/events</c> answers.</summary>
/// <param name="ReceivedAt">The service's timestamp of the event, as its audit entry records it.</param>
public sealed record CleanRoomEventReceipt(DateTimeOffset ReceivedAt);
