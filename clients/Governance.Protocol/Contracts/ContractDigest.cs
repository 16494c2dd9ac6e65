namespace Governance.Protocol.Contracts;

/// <summary>
/// SHA-256 over the RFC 8785 canonical JSON of a contract's content, as serialised with
/// <see cref="ContractJson.Options"/>. Key order and whitespace of the author's file do not matter.
/// </summary>
public static class ContractDigest
{
    public const int Length = 32;

    public static byte[] Compute(ContractContent content) =>
        SHA256.HashData(CanonicalJson.Serialize(content, ContractJson.Options));

    /// <summary>Parses a content file (any key order or whitespace) and returns its digest.</summary>
    public static byte[] ComputeFromJson(string json) =>
        Compute(JsonSerializer.Deserialize<ContractContent>(json, ContractJson.Options)
            ?? throw new JsonException("The contract content is null."));

    public static string ToHex(ReadOnlySpan<byte> digest) => Convert.ToHexStringLower(digest);
}
