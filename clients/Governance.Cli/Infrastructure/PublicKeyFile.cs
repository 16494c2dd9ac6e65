namespace Governance.Cli.Infrastructure;

/// <summary>Reads a member's public signing key for a proposal: a JWK file, a public PEM, or the private PEM (whose public half is taken).</summary>
internal static class PublicKeyFile
{
    public static JsonElement Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The key file {path} does not exist.");
        }

        var text = File.ReadAllText(path).Trim();
        if (text.StartsWith('{'))
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("d", out _))
            {
                throw new CliUsageException($"{path} is a private JWK; give the public key only.");
            }

            return document.RootElement.Clone();
        }

        using var key = ECDsa.Create();
        key.ImportFromPem(text);
        return JsonSerializer.SerializeToElement(key.ExportSubjectPublicKeyInfoPem());
    }
}
