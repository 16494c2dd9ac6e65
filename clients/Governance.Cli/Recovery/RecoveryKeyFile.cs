namespace Governance.Cli.Recovery;

/// <summary>
/// A member's recovery key (ECDH P-384) as the CLI keeps it: a PKCS#8 PEM file only its owner reads. Its id is the
/// RFC 7638 thumbprint of the public half, the <c>kid</c> the service puts on the shares it seals to it.
/// </summary>
internal sealed class RecoveryKeyFile : IDisposable
{
    private RecoveryKeyFile(ECDiffieHellman key, bool hasPrivate)
    {
        Key = key;
        HasPrivateKey = hasPrivate;
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        X = Base64Url.Encode(point.X);
        Y = Base64Url.Encode(point.Y);
        KeyId = ServiceJwk.Thumbprint("P-384", X, Y);
    }

    public ECDiffieHellman Key { get; }

    public bool HasPrivateKey { get; }

    public string X { get; }

    public string Y { get; }

    public string KeyId { get; }

    /// <summary>The public half only, as the service registers it.</summary>
    public object PublicJwk => new { kty = "EC", crv = "P-384", x = X, y = Y };

    public static RecoveryKeyFile Create() => new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384), hasPrivate: true);

    /// <summary>Reads a private (PKCS#8, SEC1) or public (SubjectPublicKeyInfo) PEM holding a P-384 key.</summary>
    public static RecoveryKeyFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"The recovery key file {path} does not exist.");
        }

        var text = File.ReadAllText(path);
        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportFromPem(text);
            if (key.KeySize != 384)
            {
                throw new CliUsageException($"{path} holds a {key.KeySize}-bit key; a recovery key is EC P-384.");
            }
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new CliUsageException($"{path} does not hold an EC P-384 key in PEM: {e.Message}");
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return new RecoveryKeyFile(key, text.Contains("PRIVATE KEY-----", StringComparison.Ordinal));
    }

    /// <summary>Writes the private key; an existing file is never replaced, and on Unix the file is 0600 from its creation.</summary>
    public void WritePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(Key.ExportPkcs8PrivateKeyPem());
        writer.WriteLine();
    }

    /// <summary>Opens a share the service sealed to this key; a share sealed to another key is refused by its <c>kid</c>.</summary>
    public byte[] Open(string compactJwe) => TransitSealing.Open(compactJwe, Key, KeyId);

    public void Dispose() => Key.Dispose();
}
