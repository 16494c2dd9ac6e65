namespace Governance.Cli.Commands;

/// <summary>
/// `governance recovery key-create|key-set|submit`: a share holder's side of confidential mode's key recovery — the
/// recovery key its share is sealed to, and the share given to a new instance only after that instance's attestation.
/// </summary>
internal static class RecoveryCommands
{
    public static Command Create(CliHost host) => new("recovery", "Confidential mode: your recovery key, and your share of the service's key for an instance awaiting it.")
    {
        KeyCreate(host),
        KeySet(host),
        Submit(host),
    };

    private static Command KeyCreate(CliHost host)
    {
        var output = new Option<FileInfo>("--out") { Description = "Private key file to write (PKCS#8 PEM, mode 0600); an existing file is never replaced.", Required = true, HelpName = "FILE" };
        return new Command("key-create", "Make a recovery key pair (ECDH P-384); prints the public JWK and its id to register with key-set.") { output }.SetGovernanceAction(host, (context, _) =>
        {
            var path = context.ParseResult.GetRequiredValue(output).FullName;
            if (File.Exists(path))
            {
                throw new CliUsageException($"{path} exists; a recovery key is not overwritten (the shares sealed to it would be lost).");
            }

            using var key = RecoveryKeyFile.Create();
            key.WritePrivate(path);
            var view = new { keyId = key.KeyId, privateKey = path, publicJwk = key.PublicJwk };
            context.Output.Write(view, console =>
            {
                console.MarkupLine($"key id:      {Markup.Escape(key.KeyId)}");
                console.MarkupLine($"private key: {Markup.Escape(path)} (keep it secret and apart from your sign-in key)");
                console.WriteLine(JsonSerializer.Serialize(key.PublicJwk));
            });
            return Task.FromResult(ExitCodes.Ok);
        });
    }

    private static Command KeySet(CliHost host)
    {
        // Not --key: that global option names the sign-in key, which must stay apart from the recovery key.
        var keyFile = new Option<FileInfo>("--recovery-key") { Description = "The recovery key: its private or public PEM (only the public half is sent).", Required = true, HelpName = "FILE" };
        return new Command("key-set", "Register (or replace) your recovery key; shares of the service's key are sealed to it.") { keyFile }.SetGovernanceAction(host, async (context, ct) =>
        {
            using var key = RecoveryKeyFile.Read(context.ParseResult.GetRequiredValue(keyFile).FullName);
            using var client = context.MemberClient();
            var registered = await client.Members.SetRecoveryKeyAsync(JsonSerializer.SerializeToElement(key.PublicJwk), ct);
            context.Output.WriteDetails(registered, ("recovery key", registered.KeyId), ("algorithm", registered.Algorithm));
            return ExitCodes.Ok;
        });
    }

    private static Command Submit(CliHost host)
    {
        var keyFile = new Option<FileInfo>("--recovery-key") { Description = "Your recovery key's private PEM, which opens your share.", Required = true, HelpName = "FILE" };
        var trust = new ServiceTrustOptions("--service-measurement",
            "An approved measurement of the service (96 hex digits). The share goes only to an instance whose fresh evidence shows it, "
            + "sealed to the transit key that evidence binds.");
        var command = new Command("submit",
            "Give your recovery share to an instance awaiting the key: fetch and open your share, check the instance's attestation, "
            + "send the share sealed to its transit key (exit 0 accepted, 1 refused or not trusted, 2 bad input, 3 unreachable).") { keyFile };
        trust.AddTo(command);
        return command.SetGovernanceAction(host, async (context, ct) =>
        {
            var p = context.ParseResult;
            if (!trust.Given(p))
            {
                throw new CliUsageException("Give the approved service measurements with --service-measurement HEX or --measurement-file FILE.");
            }

            using var key = RecoveryKeyFile.Read(p.GetRequiredValue(keyFile).FullName);
            if (!key.HasPrivateKey)
            {
                throw new CliUsageException("--recovery-key needs the private key: a public key cannot open the share.");
            }

            using var client = context.MemberClient();
            var own = await client.Service.GetOwnRecoveryShareAsync(ct);
            if (own.RecoveryKeyId != key.KeyId)
            {
                throw new CliUsageException($"Your share is sealed to recovery key {own.RecoveryKeyId}, not to {key.KeyId} in the file given.");
            }

            var share = key.Open(own.Share);
            try
            {
                var (served, result) = await trust.CheckAsync(p, client, ct);
                if (!result.Trusted)
                {
                    return ServiceFailures.Refuse(context.Output, result, "your share was not sent");
                }

                var progress = await client.Service.SubmitRecoveryShareAsync(TransitSealing.Seal(share, served.Keys.Transit), ct);
                var view = new { keyEncryptionKey = own.KeyEncryptionKey, measurement = result.Measurement, progress.Received, progress.Threshold, progress.Recovered };
                context.Output.WriteDetails(view,
                    ("key", own.KeyEncryptionKey), ("measurement", result.Measurement),
                    ("received", $"{progress.Received.ToString(CultureInfo.InvariantCulture)} of {progress.Threshold.ToString(CultureInfo.InvariantCulture)}"),
                    ("recovered", progress.Recovered ? "yes: the instance holds the key" : "not yet"));
                return ExitCodes.Ok;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(share);
            }
        });
    }
}
