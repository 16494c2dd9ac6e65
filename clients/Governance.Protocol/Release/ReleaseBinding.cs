namespace Governance.Protocol.Release;

/// <summary>
/// What the clean room puts into its evidence so that the evidence is fresh (the service's nonce) and
/// names the key the released values will be encrypted to:
/// <c>SHA-512( ASCII "governance-release-v1" ‖ 0x00 ‖ nonce ‖ SHA-256 JWK thumbprint (RFC 7638, 32 raw bytes) )</c>.
/// The 64 bytes fill SEV-SNP REPORT_DATA exactly. A new formula gets a new label, never a changed meaning.
/// </summary>
public static class ReleaseBinding
{
    public const string Label = "governance-release-v1";

    public const int Length = 64;

    public static byte[] Compute(ReadOnlySpan<byte> nonce, WrappingKey wrappingKey) =>
        Compute(nonce, JwkThumbprint.Compute(wrappingKey));

    public static byte[] Compute(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> wrappingKeyThumbprint)
    {
        if (wrappingKeyThumbprint.Length != JwkThumbprint.Length)
        {
            throw new ArgumentException($"A JWK thumbprint is {JwkThumbprint.Length} bytes.", nameof(wrappingKeyThumbprint));
        }

        if (nonce.IsEmpty)
        {
            throw new ArgumentException("The nonce is empty.", nameof(nonce));
        }

        var label = Encoding.ASCII.GetBytes(Label);
        var input = new byte[label.Length + 1 + nonce.Length + wrappingKeyThumbprint.Length];
        label.CopyTo(input, 0);
        input[label.Length] = 0x00;
        nonce.CopyTo(input.AsSpan(label.Length + 1));
        wrappingKeyThumbprint.CopyTo(input.AsSpan(label.Length + 1 + nonce.Length));
        return SHA512.HashData(input);
    }
}
