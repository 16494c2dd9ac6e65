namespace Governance.Protocol.Audit;

/// <summary>
/// C2SP tlog-checkpoint as a C2SP signed note: body <c>origin\nsize\nbase64(root)\n</c>, a blank line, then
/// <c>— name base64(key ID ‖ signature)</c>. Signature type 0x02 (ECDSA): the key ID is the first four bytes
/// of SHA-256 over the DER SubjectPublicKeyInfo; the signature is ASN.1 DER ECDSA over SHA-256 of the body.
/// </summary>
public static class CheckpointNote
{
    public static string Body(string origin, long treeSize, ReadOnlySpan<byte> root) =>
        string.Create(CultureInfo.InvariantCulture, $"{origin}\n{treeSize}\n{Convert.ToBase64String(root)}\n");

    public static byte[] KeyId(ECDsa publicKey) => SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo())[..4];

    public static string Sign(string origin, long treeSize, ReadOnlySpan<byte> root, ECDsa key)
    {
        var body = Body(origin, treeSize, root);
        var signature = key.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var blob = new byte[4 + signature.Length];
        KeyId(key).CopyTo(blob, 0);
        signature.CopyTo(blob, 4);
        return $"{body}\n\u2014 {origin} {Convert.ToBase64String(blob)}\n";
    }

    /// <summary>Parses and verifies a checkpoint signed by <paramref name="publicKey"/> under <paramref name="origin"/>.</summary>
    public static (long TreeSize, byte[] Root)? Verify(string note, string origin, ECDsa publicKey)
    {
        var split = note.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return null;
        }

        var body = note[..(split + 1)];
        var lines = body.Split('\n');
        if (lines.Length < 4 || lines[0] != origin
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            return null;
        }

        var keyId = KeyId(publicKey);
        foreach (var line in note[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0] != "\u2014" || parts[1] != origin)
            {
                continue;
            }

            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(parts[2]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (blob.Length > 4 && blob.AsSpan(0, 4).SequenceEqual(keyId))
            {
                return publicKey.VerifyData(Encoding.UTF8.GetBytes(body), blob.AsSpan(4), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
                    ? (size, root)
                    : null;
            }
        }

        return null;
    }
}
