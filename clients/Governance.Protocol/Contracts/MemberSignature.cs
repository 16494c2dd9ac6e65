using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.Protocol.Contracts;

/// <summary>
/// A member's signature over a text statement: a compact JWS (RFC 7515) with header <c>{"alg":"ES256"|"ES384","kid":KEY_ID}</c>
/// over the UTF-8 statement, detached (<c>header..signature</c>, RFC 7515 appendix F) or attached; either way the signature
/// covers <c>base64url(header) "." base64url(statement)</c>. Approvals and consent changes are signed this way.
/// </summary>
public static class MemberSignature
{
    /// <summary>Signs <paramref name="statement"/> with <paramref name="key"/> (P-256 → ES256, P-384 → ES384); returns the detached compact JWS.</summary>
    public static string Sign(ECDsa key, string keyId, string statement)
    {
        ArgumentNullException.ThrowIfNull(key);
        var algorithm = AlgorithmFor(key.KeySize);
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["alg"] = algorithm,
            ["kid"] = keyId,
        }));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(statement));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashFor(algorithm), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{header}..{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Reads the header without verifying anything, to find the key to verify with.</summary>
    public static bool TryReadHeader(string? jws, out ApprovalSignatureHeader header)
    {
        header = new ApprovalSignatureHeader("", "");
        var parts = jws?.Split('.');
        if (parts is not { Length: 3 })
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            header = new ApprovalSignatureHeader(alg.GetString()!, kid.GetString()!);
            return true;
        }
        // InvalidOperationException: GetString on an escape that is half of a surrogate pair, i.e. the caller's input.
        catch (Exception exception) when (exception is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Checks <paramref name="jws"/> against the expected statement and an EC public JWK ({"crv","kty","x","y"}).</summary>
    /// <param name="jws">The compact JWS, payload attached or detached.</param>
    /// <param name="statement">The exact statement it must sign.</param>
    /// <param name="publicJwk">The key it must verify with.</param>
    /// <param name="signs">What the statement says, for the refusal: "this contract's current digest".</param>
    public static ApprovalSignatureCheck Verify(string jws, string statement, string publicJwk, string signs)
    {
        if (!TryReadHeader(jws, out var header))
        {
            return ApprovalSignatureCheck.Fail("The signature is not a compact JWS with 'alg' and 'kid' in its header.");
        }

        if (header.Algorithm is not ("ES256" or "ES384"))
        {
            return ApprovalSignatureCheck.Fail($"Algorithm '{header.Algorithm}' is not accepted; use ES256 or ES384.");
        }

        var parts = jws.Split('.');
        var expectedPayload = Encoding.UTF8.GetBytes(statement);
        byte[] signature;
        try
        {
            if (parts[1].Length > 0 && !CryptographicOperations.FixedTimeEquals(Base64Url.DecodeFromChars(parts[1]), expectedPayload))
            {
                return ApprovalSignatureCheck.Fail($"The signed payload is not {signs}.");
            }

            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return ApprovalSignatureCheck.Fail("The signature is not valid base64url.");
        }

        using var key = EcJwk.TryImport(publicJwk);
        if (key is null)
        {
            return ApprovalSignatureCheck.Fail("The signing key is not an EC P-256 or P-384 public key.");
        }

        if (AlgorithmFor(key.KeySize) != header.Algorithm)
        {
            return ApprovalSignatureCheck.Fail($"Algorithm '{header.Algorithm}' does not match the key's curve.");
        }

        var signingInput = Encoding.ASCII.GetBytes($"{parts[0]}.{Base64Url.EncodeToString(expectedPayload)}");
        return key.VerifyData(signingInput, signature, HashFor(header.Algorithm), DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? ApprovalSignatureCheck.Valid
            : ApprovalSignatureCheck.Fail($"The signature does not verify with the key it names, over {signs}.");
    }

    private static string AlgorithmFor(int keySize) => keySize switch
    {
        256 => "ES256",
        384 => "ES384",
        _ => throw new CryptographicException("Only P-256 and P-384 member keys sign."),
    };

    private static HashAlgorithmName HashFor(string algorithm) =>
        algorithm == "ES384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
}
