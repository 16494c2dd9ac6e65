namespace Governance.Protocol.Release;

/// <summary>
/// The clean room VM's public key (RFC 7517 JWK) to which released values are encrypted: RSA (3072–4096
/// bits, for RSA-OAEP-256) or EC P-384 (for ECDH-ES). Private members are never accepted.
/// </summary>
public sealed record WrappingKey
{
    [JsonPropertyName("kty")]
    public required string Kty { get; init; }

    [JsonPropertyName("n")]
    public string? N { get; init; }

    [JsonPropertyName("e")]
    public string? E { get; init; }

    [JsonPropertyName("crv")]
    public string? Crv { get; init; }

    [JsonPropertyName("x")]
    public string? X { get; init; }

    [JsonPropertyName("y")]
    public string? Y { get; init; }

    [JsonPropertyName("kid")]
    public string? Kid { get; init; }

    [JsonPropertyName("alg")]
    public string? Alg { get; init; }

    [JsonPropertyName("use")]
    public string? Use { get; init; }

    /// <summary>Set only by mistake: a private exponent. The service refuses keys that carry it.</summary>
    [JsonPropertyName("d")]
    public string? D { get; init; }
}
