namespace Governance.Cli.Commands;

/// <summary>
/// `governance attestation verify`: offline verification of an SEV-SNP report (raw or Azure HCL-wrapped) against
/// AMD's pinned roots, printing every parsed field and the verdict. Exit 0 valid, 1 invalid, 2 bad input.
/// </summary>
public static class AttestationCommands
{
    private static readonly JsonSerializerOptions PolicyJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonSerializerOptions OutputJson = new() { WriteIndented = true };

    public static Command Build()
    {
        var report = new Option<FileInfo?>("--report") { Description = "SEV-SNP report (its first 1184 bytes are read) or Azure HCL report file." };
        var certs = new Option<FileSystemInfo?>("--certs") { Description = "VCEK/VLEK (PEM or DER), PEM bundle, certificate table blob, THIM JSON, or a directory of certificate files." };
        var policy = new Option<FileInfo?>("--policy") { Description = "Attestation policy JSON to evaluate the verified claims against." };
        var at = new Option<string?>("--at") { Description = "Judge certificate validity as of this time (ISO 8601), e.g. for archived evidence." };
        var extraRoot = new Option<FileInfo?>("--extra-root") { Description = "Development only: also trust this ARK (+ ASK/ASVK) PEM bundle, e.g. a simulated platform's." };

        var verify = new Command("verify", "Verify an attestation report offline and print its fields and the verdict (exit 0 valid, 1 invalid, 2 bad input).")
        {
            report, certs, policy, at, extraRoot,
        };
        // Unknown arguments are bad input (exit 2), reported by the action rather than the parser's exit code 1.
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction((parseResult, cancellationToken) => parseResult.UnmatchedTokens.Count > 0
            ? ReportUnmatchedAsync(parseResult.UnmatchedTokens, parseResult.InvocationConfiguration.Output)
            : VerifyAsync(
            new VerifyArguments(parseResult.GetValue(report), parseResult.GetValue(certs), parseResult.GetValue(policy), parseResult.GetValue(at), parseResult.GetValue(GlobalOptions.Json), parseResult.GetValue(extraRoot)),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));

        return new Command("attestation", "Verify SEV-SNP and Azure attestation evidence.") { verify };
    }

    private static async Task<int> ReportUnmatchedAsync(IReadOnlyList<string> tokens, TextWriter output)
    {
        await output.WriteLineAsync($"error: unrecognised arguments: {string.Join(' ', tokens)}");
        return ExitCodes.Usage;
    }

    private sealed record VerifyArguments(FileInfo? Report, FileSystemInfo? Certs, FileInfo? Policy, string? At, bool Json, FileInfo? ExtraRoot);

    private static async Task<int> VerifyAsync(VerifyArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        byte[] evidenceBytes;
        byte[]? certificates;
        AttestationPolicy? policy;
        DateTimeOffset at;
        SnpTrustRoot[] extraRoots;
        try
        {
            if (args.Report is null)
            {
                throw new InputException("--report is required.");
            }

            evidenceBytes = ReadFile(args.Report);
            certificates = args.Certs is null ? null : ReadCertificates(args.Certs);
            policy = args.Policy is null ? null : ReadPolicy(args.Policy);
            at = args.At is null ? DateTimeOffset.UtcNow : ParseTime(args.At);
            extraRoots = args.ExtraRoot is null ? [] : [ReadExtraRoot(args.ExtraRoot)];
        }
        catch (InputException e)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        var isHcl = evidenceBytes.Length >= 4 && BitConverter.ToUInt32(evidenceBytes) == HclReport.HclaSignature;
        if (!isHcl)
        {
            evidenceBytes = AttestationReport.FromFile(evidenceBytes).ToArray();
        }

        Evidence evidence = isHcl ? new AzureCvmEvidence(evidenceBytes, certificates) : new SnpEvidence(evidenceBytes, certificates);
        var verifier = new EvidenceVerifier(
            new EvidenceVerifierOptions { Snp = new SnpVerificationOptions { Offline = true, ExtraTrustedRoots = extraRoots } },
            new FixedTimeProvider(at));

        var result = new JsonObject { ["evidence"] = isHcl ? "azure-cvm-hcl-report" : "snp-report", ["verifiedAt"] = at.ToString("O", CultureInfo.InvariantCulture) };
        var fields = DescribeEvidence(evidenceBytes, isHcl);
        int exitCode;
        try
        {
            var claims = await verifier.VerifyAsync(evidence, cancellationToken);
            if (claims.Product is { } product)
            {
                fields.Insert(0, ("product", product.ToString()));
            }

            fields.Add(("endorsement_key_sha256", Convert.ToHexStringLower(claims.EndorsementKeySha256 ?? [])));
            fields.Add(("chains_to_amd_root", claims.ChainsToAmdRoot == true ? "yes" : "no (explicitly trusted extra root)"));
            if (claims.CloudProviderId is { } csp)
            {
                fields.Add(("vlek_csp_id", csp));
            }

            var evaluation = policy is null ? null : AttestationPolicyEvaluator.Evaluate(claims, policy);
            exitCode = evaluation is { Satisfied: false } ? ExitCodes.Refused : ExitCodes.Ok;
            result["verdict"] = exitCode == ExitCodes.Ok ? "valid" : "invalid";
            result["signatureAndChain"] = "verified";
            if (evaluation is not null)
            {
                result["policySatisfied"] = evaluation.Satisfied;
                result["policyFailures"] = new JsonArray([.. evaluation.Failures.Select(f => (JsonNode)new JsonObject { ["rule"] = f.Rule, ["field"] = f.Field, ["expected"] = f.Expected, ["actual"] = f.Actual })]);
            }
        }
        catch (AttestationVerificationException e)
        {
            exitCode = e.Reason == AttestationFailureReason.MalformedEvidence ? ExitCodes.Usage : ExitCodes.Refused;
            result["verdict"] = exitCode == ExitCodes.Usage ? "bad-input" : "invalid";
            result["reason"] = e.Code;
            result["message"] = e.Message;
        }

        result["fields"] = new JsonObject(fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Name, f.Value)));
        if (args.Json)
        {
            await output.WriteLineAsync(result.ToJsonString(OutputJson));
            return exitCode;
        }

        var width = fields.Count == 0 ? 0 : fields.Max(f => f.Name.Length);
        foreach (var (name, value) in fields)
        {
            await output.WriteLineAsync($"{name.PadRight(width)}  {value}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"verdict: {result["verdict"]}" + (result["reason"] is { } reason ? $" ({reason}): {result["message"]}" : string.Empty));
        if (result["policyFailures"] is JsonArray failures)
        {
            foreach (var failure in failures)
            {
                await output.WriteLineAsync($"  policy rule {failure!["rule"]} failed: {failure["field"]} expected {failure["expected"]}, actual {failure["actual"]}");
            }
        }

        return exitCode;
    }

    /// <summary>Every field of the report (and the HCL wrapper), in report order.</summary>
    private static List<(string Name, string Value)> DescribeEvidence(byte[] evidence, bool isHcl)
    {
        var fields = new List<(string, string)>();
        byte[] reportBytes = evidence;
        if (isHcl)
        {
            try
            {
                var hcl = HclReport.Parse(evidence);
                fields.Add(("hcl_header_version", hcl.HeaderVersion.ToString(CultureInfo.InvariantCulture)));
                fields.Add(("hcl_hash_type", hcl.HashType.ToString()));
                fields.Add(("hcl_runtime_keys", string.Join(", ", hcl.RuntimeKeys)));
                fields.Add(("hcl_user_data", hcl.UserData is null ? "absent" : Convert.ToHexStringLower(hcl.UserData)));
                fields.Add(("hcl_runtime_json", hcl.RuntimeJson));
                reportBytes = hcl.SnpReport;
            }
            catch (SnpFormatException)
            {
                return fields;
            }
        }

        AttestationReport r;
        try
        {
            r = AttestationReport.Parse(reportBytes);
        }
        catch (SnpFormatException)
        {
            return fields;
        }

        static string H(byte[] b) => Convert.ToHexStringLower(b);
        string Tcb(TcbVersion tcb) => r.ProductFromCpuid is { } p ? $"{tcb} ({tcb.Decode(p)})" : tcb.ToString();
        fields.AddRange(
        [
            ("version", r.Version.ToString(CultureInfo.InvariantCulture)),
            ("guest_svn", r.GuestSvn.ToString(CultureInfo.InvariantCulture)),
            ("policy", r.Policy.ToString()),
            ("family_id", H(r.FamilyId)),
            ("image_id", H(r.ImageId)),
            ("vmpl", r.Vmpl.ToString(CultureInfo.InvariantCulture)),
            ("signature_algo", r.SignatureAlgorithm.ToString(CultureInfo.InvariantCulture)),
            ("current_tcb", Tcb(r.CurrentTcb)),
            ("platform_info", r.PlatformInfo.ToString()),
            ("key_info", r.KeyInfo.ToString()),
            ("report_data", H(r.ReportData)),
            ("measurement", H(r.Measurement)),
            ("host_data", H(r.HostData)),
            ("id_key_digest", H(r.IdKeyDigest)),
            ("author_key_digest", H(r.AuthorKeyDigest)),
            ("report_id", H(r.ReportId)),
            ("report_id_ma", H(r.ReportIdMa)),
            ("reported_tcb", Tcb(r.ReportedTcb)),
            ("cpuid_fam_mod_step", r.CpuidFamily is null ? "absent (version 2)" : string.Create(CultureInfo.InvariantCulture, $"0x{r.CpuidFamily:x2} 0x{r.CpuidModel:x2} 0x{r.CpuidStepping:x2}")),
            ("chip_id", H(r.ChipId)),
            ("committed_tcb", Tcb(r.CommittedTcb)),
            ("current_version", r.CurrentVersion.ToString()),
            ("committed_version", r.CommittedVersion.ToString()),
            ("launch_tcb", Tcb(r.LaunchTcb)),
            ("launch_mit_vector", r.LaunchMitVector is { } l ? $"0x{l:x}" : "absent"),
            ("current_mit_vector", r.CurrentMitVector is { } c ? $"0x{c:x}" : "absent"),
            ("signature_r_le", H(r.SignatureR)),
            ("signature_s_le", H(r.SignatureS)),
        ]);
        return fields;
    }

    private static byte[] ReadFile(FileInfo file)
    {
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read {file.FullName}: {e.Message}");
        }
    }

    private static byte[] ReadCertificates(FileSystemInfo certs)
    {
        if (certs is FileInfo { Exists: true } file)
        {
            return ReadFile(file);
        }

        if (certs is not DirectoryInfo { Exists: true } && !Directory.Exists(certs.FullName))
        {
            throw new InputException($"{certs.FullName} does not exist.");
        }

        // A directory: every certificate file in it, as one PEM bundle.
        var pem = new StringBuilder();
        foreach (var path in Directory.EnumerateFiles(certs.FullName).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan().IndexOf("-----BEGIN CERTIFICATE"u8) >= 0)
            {
                pem.Append(Encoding.ASCII.GetString(bytes)).Append('\n');
            }
            else if (bytes.Length > 0 && bytes[0] == 0x30)
            {
                pem.Append(System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", bytes)).Append('\n');
            }
        }

        return pem.Length == 0 ? throw new InputException($"no certificate files in {certs.FullName}.") : Encoding.ASCII.GetBytes(pem.ToString());
    }

    private static AttestationPolicy ReadPolicy(FileInfo file)
    {
        try
        {
            var policy = JsonSerializer.Deserialize<AttestationPolicy>(ReadFile(file), PolicyJson) ?? throw new InputException("the policy file is empty.");
            foreach (var hex in policy.Measurements.Concat(policy.HostData).Concat(policy.IdKeyDigests).Concat(policy.AuthorKeyDigests).Append(policy.FamilyId ?? string.Empty).Append(policy.ImageId ?? string.Empty))
            {
                Convert.FromHexString(hex);
            }

            return policy;
        }
        catch (JsonException e)
        {
            throw new InputException($"the policy is not valid JSON for an attestation policy: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new InputException($"the policy holds a malformed hex value: {e.Message}");
        }
    }

    private static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new InputException($"--at '{value}' is not a date/time (ISO 8601).");

    private static SnpTrustRoot ReadExtraRoot(FileInfo file)
    {
        try
        {
            return SnpTrustRoot.FromPemBundle(Encoding.ASCII.GetString(ReadFile(file)));
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new InputException($"the extra root bundle is not usable: {e.Message}");
        }
    }

    private sealed class InputException(string message) : Exception(message);

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
