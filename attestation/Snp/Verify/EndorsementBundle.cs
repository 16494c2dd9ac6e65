namespace Governance.Attestation.Snp.Verify;

/// <summary>
/// The certificates that came with a report, as DER: a VCEK/VLEK in PEM or DER, a PEM bundle (VEK, ASK, ARK in
/// any order), an extended-report certificate table / configfs-tsm auxblob, or Azure's THIM JSON
/// ({"vcekCert": PEM, "certificateChain": PEM}). Which certificate is the VEK is decided when it is loaded;
/// a supplied ARK is never trusted.
/// </summary>
public sealed record EndorsementBundle(IReadOnlyList<byte[]> Certificates, byte[]? TableVcek = null, byte[]? TableVlek = null)
{
    public static readonly EndorsementBundle Empty = new([]);

    /// <exception cref="SnpFormatException">The blob is none of the accepted formats.</exception>
    public static EndorsementBundle Parse(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return Empty;
        }

        var trimmed = data.TrimStart(" \t\r\n"u8);
        if (trimmed.StartsWith("-----BEGIN"u8))
        {
            return new EndorsementBundle(ParsePem(Encoding.ASCII.GetString(trimmed)));
        }

        if (trimmed.StartsWith("{"u8))
        {
            return ParseThimJson(trimmed);
        }

        if (data[0] == 0x30)
        {
            return new EndorsementBundle([data.ToArray()]);
        }

        var table = CertificateTable.Parse(data);
        return new EndorsementBundle([.. table.Entries.Select(e => e.Data)], table.Vcek, table.Vlek);
    }

    /// <summary>
    /// Most certificates a PEM bundle may hold. A VEK and its chain are three (VCEK or VLEK, ASK or ASVK, ARK); every
    /// certificate is read to find the VEK that fits the report, so the cap bounds that work.
    /// </summary>
    public const int MaxPemCertificates = 8;

    /// <summary>Reads every CERTIFICATE block of a PEM text.</summary>
    /// <exception cref="SnpFormatException">No certificate, more than <see cref="MaxPemCertificates"/>, or a block is not base64.</exception>
    public static IReadOnlyList<byte[]> ParsePem(string pem)
    {
        var certificates = new List<byte[]>();
        var rest = pem.AsSpan();
        while (System.Security.Cryptography.PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                if (certificates.Count == MaxPemCertificates)
                {
                    throw new SnpFormatException($"The PEM text holds more than {MaxPemCertificates} certificates.");
                }

                var der = new byte[fields.DecodedDataLength];
                if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out var written))
                {
                    throw new SnpFormatException("A PEM certificate block is not valid base64.");
                }

                certificates.Add(der[..written]);
            }

            rest = rest[fields.Location.End..];
        }

        if (certificates.Count == 0)
        {
            throw new SnpFormatException("The PEM text holds no CERTIFICATE block.");
        }

        return certificates;
    }

    private static EndorsementBundle ParseThimJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var certificates = new List<byte[]>();
            foreach (var name in new[] { "vcekCert", "certificateChain" })
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } pem)
                {
                    certificates.AddRange(ParsePem(pem));
                }
            }

            if (certificates.Count == 0)
            {
                throw new SnpFormatException("The certificate JSON has neither vcekCert nor certificateChain.");
            }

            return new EndorsementBundle(certificates);
        }
        catch (JsonException e)
        {
            throw new SnpFormatException("The certificate JSON is malformed.", e);
        }
        catch (InvalidOperationException e)
        {
            throw new SnpFormatException("The certificate JSON is not an object.", e);
        }
    }
}
