namespace Governance.Cli.Commands;

/// <summary>`governance keys new`: a member's signing key pair (ECDSA P-384).</summary>
public static class KeysCommands
{
    public static Command Build()
    {
        var output = new Option<FileInfo>("--out") { Description = "Private key file to write (PKCS#8 PEM, mode 0600). The public key goes beside it as FILE.pub.jwk and FILE.pub.pem.", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files." };
        var create = new Command("new", "Create a P-384 key pair; prints the key id and the public JWK to register (bootstrap file or proposal).") { output, force };
        create.SetAction((parseResult, _) => NewKeyAsync(parseResult.GetValue(output)!, parseResult.GetValue(force), parseResult.GetValue(GlobalOptions.Json),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return new Command("keys", "Member signing keys.") { create };
    }

    private static async Task<int> NewKeyAsync(FileInfo output, bool force, bool json, TextWriter stdout, TextWriter stderr)
    {
        var jwkPath = output.FullName + ".pub.jwk";
        var pemPath = output.FullName + ".pub.pem";
        if (!force && new[] { output.FullName, jwkPath, pemPath }.FirstOrDefault(File.Exists) is { } existing)
        {
            await stderr.WriteLineAsync($"error: {existing} exists; pass --force to overwrite.");
            return 2;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var jwk = MemberTokenFactory.PublicJwk(key);
        var publicJwk = JsonSerializer.Serialize(new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y });
        output.Directory?.Create();
        WritePrivate(output.FullName, key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(jwkPath, publicJwk + Environment.NewLine);
        await File.WriteAllTextAsync(pemPath, key.ExportSubjectPublicKeyInfoPem() + Environment.NewLine);

        if (json)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(
                new { keyId = MemberTokenFactory.ComputeKeyId(key), privateKey = output.FullName, publicKeyJwk = jwkPath, publicKeyPem = pemPath, publicJwk = JsonDocument.Parse(publicJwk).RootElement },
                Client.GovernanceJson.Indented));
            return 0;
        }

        await stdout.WriteLineAsync($"key id:      {MemberTokenFactory.ComputeKeyId(key)}");
        await stdout.WriteLineAsync($"private key: {output.FullName} (keep it secret)");
        await stdout.WriteLineAsync($"public key:  {jwkPath}, {pemPath}");
        await stdout.WriteLineAsync(publicJwk);
        return 0;
    }

    /// <summary>Creates the file with owner-only permissions from the start, so the key is never readable by others.</summary>
    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }
}
