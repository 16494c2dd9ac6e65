using Governance.GuestEvidence;

namespace Governance.Cli.Demo;

/// <summary>
/// The whole story against a Development service: two collaborators store their dataset keys, agree on a
/// contract with a custom runtime, approve it with signatures; a simulated clean room VM attests through
/// the agent's configfs-tsm path and decrypts what it is given; one party pauses execution and the next release is
/// refused naming it, until it resumes; one party revokes and the next release is refused; the auditor checks the
/// approvals. Each step states what it saw; the run stops at the first
/// step that did not behave.
/// </summary>
/// <remarks>
/// Given <c>confidential</c> (the builds and roots the parties trust), the story is told of a service in confidential
/// mode: its attestation is checked before anything is sent, the members register recovery keys and vote a 2-of-3
/// recovery policy, each holder opens its share, secrets go only sealed to the attested transit key, the agent checks
/// the service before each release, and at the end the service shows the key was never configured and the log proves
/// which attested key signs its tree heads.
/// </remarks>
public sealed class DemoScenario(Uri service, string keyDirectory, string workDirectory, HttpMessageHandler? handler = null, ServiceTrust? confidential = null)
{
    public const string SimulatedRootsFolder = "simulated-snp";

    private readonly List<DemoStep> _steps = [];

    public IReadOnlyList<DemoStep> Steps => _steps;

    /// <summary>Runs every step; <paramref name="progress"/> hears about each as it finishes.</summary>
    public async Task<bool> RunAsync(Action<DemoStep> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        using var alice = DemoParticipant.Open("alice", keyDirectory, service, handler);
        using var bob = DemoParticipant.Open("bob", keyDirectory, service, handler);
        using var carol = DemoParticipant.Open("carol", keyDirectory, service, handler);
        using var anonymous = new GovernanceClient(service, AnonymousTokenProvider.Instance, handler);
        using var platform = SimulatedSnpPlatform.Create(SnpProduct.Milan);

        var measurement = RandomNumberGenerator.GetBytes(48);
        var runtimeDigest = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var manifest = Encoding.UTF8.GetBytes(
            $$"""{"components":[{"name":"demo-analytics","digest":"sha256:{{runtimeDigest}}"}]}""");
        var hostData = SHA256.HashData(manifest);
        var aliceKey = RandomNumberGenerator.GetBytes(32);
        var bobKey = RandomNumberGenerator.GetBytes(32);
        var bobConfig = Encoding.UTF8.GetBytes("""{"model":"claims-risk","threshold":0.8}""");
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        Guid contractId = default;
        var tsm = Path.Combine(workDirectory, "tsm", "report");
        var output = Path.Combine(workDirectory, "released");
        using var custody = confidential is null ? null : new ConfidentialDemoSteps(alice, bob, carol, anonymous, confidential, workDirectory);

        // As the agent does with --service-measurement: in confidential mode the VM's evidence goes only to an
        // approved build, and the release receipt must verify with the signing keys that build's attestation binds.
        async Task<ReleaseAgent> AgentAsync()
        {
            var pinned = confidential is null ? null : new ServiceJwkSet((await anonymous.Service.RequireTrustedAsync(confidential, cancellationToken)).Keys.Signing);
            return new ReleaseAgent(anonymous, new ConfigfsTsmEvidenceSource(tsm), pinned);
        }

        var steps = new List<(string Name, Func<Task<string>> Run)>
        {
            ("The service answers", async () =>
                await anonymous.IsReadyAsync(cancellationToken) ? $"{service} is ready" : throw new DemoException("/readyz does not answer 200")),
            ("Alice, Bob and Carol sign in with their own keys", async () =>
            {
                var ids = new List<string>();
                foreach (var p in new[] { alice, bob, carol })
                {
                    ids.Add((await p.Client.Members.GetMeAsync(cancellationToken)).Id);
                }

                return string.Join(", ", ids);
            }),
            ("Alice and Bob store their dataset keys and Bob his model configuration", async () =>
            {
                await alice.Client.Secrets.PutAsync($"sales-key-{suffix}", aliceKey, cancellationToken);
                await bob.Client.Secrets.PutAsync($"claims-key-{suffix}", bobKey, cancellationToken);
                await bob.Client.Secrets.PutAsync($"model-config-{suffix}", bobConfig, cancellationToken);
                return "3 secrets stored (values never come back)";
            }),
            ("The simulated clean room's AMD-like chain is published for the Development service", () =>
            {
                var roots = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keyDirectory))!, SimulatedRootsFolder);
                Directory.CreateDirectory(roots);
                File.WriteAllText(Path.Combine(roots, "ark.pem"), platform.Ark.ExportCertificatePem());
                File.WriteAllText(Path.Combine(roots, "ask.pem"), platform.Ask.ExportCertificatePem());
                File.WriteAllText(Path.Combine(roots, "asvk.pem"), platform.Asvk.ExportCertificatePem());
                return Task.FromResult($"{roots} (trusted only in Development)");
            }),
            ("Alice drafts and proposes a contract: a dataset each, a custom runtime", async () =>
            {
                var draft = await alice.Client.Contracts.CreateAsync(Contract(suffix, measurement, hostData, runtimeDigest), cancellationToken);
                contractId = draft.Value.Id;
                var proposed = await alice.Client.Contracts.ProposeAsync(contractId, draft.ETag, cancellationToken);
                return $"contract {contractId}, digest {proposed.Value.Digest}";
            }),
            ("Both parties approve the exact digest with their signatures", async () =>
            {
                await alice.Client.Contracts.SignAndApproveAsync(contractId, alice.Key, cancellationToken);
                var accepted = await bob.Client.Contracts.SignAndApproveAsync(contractId, bob.Key, cancellationToken);
                return accepted.State == ContractStateName.Accepted
                    ? $"accepted, approved by {string.Join(" and ", accepted.ApprovedBy)}"
                    : throw new DemoException($"the contract is {accepted.State}, not accepted");
            }),
            ("The auditor re-verifies every approval signature offline", async () =>
            {
                var approvals = await carol.Client.Contracts.GetApprovalsAsync(contractId, cancellationToken);
                var checks = ContractsApi.VerifyApprovals(approvals);
                var bad = checks.Where(c => !c.Check.IsValid).ToList();
                return checks.Count == 2 && bad.Count == 0
                    ? "2 of 2 signatures verify against the parties' keys"
                    : throw new DemoException(bad.Count == 0 ? $"{checks.Count} approvals, expected 2" : string.Join("; ", bad.Select(b => $"{b.Approval.MemberId}: {b.Check.Problem}")));
            }),
            ("The clean room VM attests through configfs-tsm and decrypts what it is released", async () =>
            {
                await using var kernel = new SimulatedTsmReportProvider(tsm, platform, r => r with { Measurement = measurement, HostData = hostData });
                var outcome = await (await AgentAsync()).ReleaseAsync(contractId.ToString("D"), output, manifest, cancellationToken);
                Expect(outcome, "secrets", "bob", $"model-config-{suffix}", bobConfig);
                Expect(outcome, "datasets", "alice", $"sales-{suffix}.key", aliceKey);
                Expect(outcome, "datasets", "bob", $"claims-{suffix}.key", bobKey);
                return $"{outcome.Items.Count} values decrypted into {output}, each equal to what its owner stored";
            }),
            ("Alice pauses execution with her signed consent switch; the next release is refused naming her", async () =>
            {
                var paused = await alice.Client.Contracts.SignAndChangeConsentAsync(contractId, alice.Key, ConsentSwitchNames.Execution, false, "demo: reviewing outputs", cancellationToken);
                if (paused.Consent is not { Execution: false })
                {
                    throw new DemoException("the contract does not show execution paused");
                }

                await using var kernel = new SimulatedTsmReportProvider(tsm, platform, r => r with { Measurement = measurement, HostData = hostData });
                try
                {
                    await (await AgentAsync()).ReleaseAsync(contractId.ToString("D"), output + "-while-paused", manifest, cancellationToken);
                }
                catch (GovernanceForbiddenException refused) when (ReleaseApi.RefusalsOf(refused).FirstOrDefault(r => r.Rule == "contract.paused") is { } rule)
                {
                    return $"paused by {string.Join(", ", paused.Consent.PausedBy)}; refused: {rule.Rule}: {rule.Detail}";
                }

                throw new DemoException("the service released secrets while execution was paused");
            }),
            ("Alice resumes; the clean room is released to again without a new approval", async () =>
            {
                await alice.Client.Contracts.SignAndChangeConsentAsync(contractId, alice.Key, ConsentSwitchNames.Execution, true, "demo: review done", cancellationToken);
                await using var kernel = new SimulatedTsmReportProvider(tsm, platform, r => r with { Measurement = measurement, HostData = hostData });
                var outcome = await (await AgentAsync()).ReleaseAsync(contractId.ToString("D"), output + "-resumed", manifest, cancellationToken);
                return $"resumed; {outcome.Items.Count} values released again";
            }),
            ("Bob revokes the contract", async () =>
            {
                var revoked = await bob.Client.Contracts.RevokeAsync(contractId, "demo: collaboration ended", cancellationToken);
                return revoked.State == ContractStateName.Revoked ? "revoked" : throw new DemoException($"the contract is {revoked.State}");
            }),
            ("The next release is refused", async () =>
            {
                await using var kernel = new SimulatedTsmReportProvider(tsm, platform, r => r with { Measurement = measurement, HostData = hostData });
                try
                {
                    await (await AgentAsync()).ReleaseAsync(contractId.ToString("D"), output + "-after-revoke", manifest, cancellationToken);
                }
                catch (GovernanceForbiddenException refused)
                {
                    var rules = ReleaseApi.RefusalsOf(refused);
                    return rules.Count == 0 ? refused.Message : "refused: " + string.Join("; ", rules.Select(r => $"{r.Rule}: {r.Detail}"));
                }

                throw new DemoException("the service released secrets of a revoked contract");
            }),
            ("Carol, the compliance officer, exports the audit log and verifies it offline", async () =>
            {
                var token = MemberTokenFactory.FromPemFile("carol", Path.Combine(keyDirectory, "carol.pem")).CreateToken(MemberTokenFactory.DefaultAudience);
                Directory.CreateDirectory(workDirectory);
                var export = new FileInfo(Path.Combine(workDirectory, "audit.jsonl"));
                using var auditor = new GovernanceClient(service, new CallbackTokenProvider(_ => ValueTask.FromResult<string?>(token)), handler);
                if (await Commands.AuditCommands.ExportAsync(auditor, export, null, null, "jsonl", TextWriter.Null, json: false, cancellationToken) != 0)
                {
                    throw new DemoException("the audit export was refused");
                }

                var verdict = new StringWriter();
                var verified = await Commands.AuditCommands.VerifyAsync(
                    export, new FileInfo(export.FullName + ".tree-head.json"), new FileInfo(export.FullName + ".keys.json"), verdict, json: false, cancellationToken);
                return verified == 0
                    ? $"{File.ReadLines(export.FullName).Count()} entries recompute to the signed tree head"
                    : throw new DemoException("the exported audit log does not verify: " + verdict.ToString().Trim());
            }),
        };

        if (custody is not null)
        {
            steps.Insert(1, ("The service's fresh attestation shows an approved build, before anything is sent to it", () => custody.AttestAsync(cancellationToken)));
            steps.InsertRange(3,
            [
                ("Alice, Bob and Carol each make a recovery key and register its public half", () => custody.RegisterRecoveryKeysAsync(cancellationToken)),
                ("Alice proposes that any 2 of Alice, Bob and Carol recover the service's key; Alice and Bob vote it in", () => custody.VoteRecoveryPolicyAsync(cancellationToken)),
                ("Each holder fetches its recovery share and opens it with its own recovery key", () => custody.OpenSharesAsync(cancellationToken)),
            ]);
            var store = steps.FindIndex(s => s.Name.StartsWith("Alice and Bob store", StringComparison.Ordinal));
            steps[store] = ("Alice and Bob store their dataset keys and Bob his model configuration, sealed to the attested transit key; plaintext is refused", async () =>
            {
                await custody.PutSealedAsync(alice, $"sales-key-{suffix}", aliceKey, cancellationToken);
                await custody.PutSealedAsync(bob, $"claims-key-{suffix}", bobKey, cancellationToken);
                await custody.PutSealedAsync(bob, $"model-config-{suffix}", bobConfig, cancellationToken);
                return "3 secrets stored, each only as a JWE to the attested transit key; " + await custody.PlaintextRefusedAsync(suffix, cancellationToken);
            });
            steps.Add(("The service made its key-encryption key itself: no key was configured", () => custody.StatusAsync(cancellationToken)));
            steps.Add(("The log's service.unsealed entry attests the key that signs the exported tree head", () => custody.UnsealedEntryAsync(cancellationToken)));
        }

        foreach (var (name, run) in steps)
        {
            DemoStep step;
            try
            {
                step = new DemoStep(_steps.Count + 1, name, true, await run());
            }
            catch (Exception exception) when (exception is DemoException or GovernanceApiException or GovernanceUnreachableException
                                                  or EvidenceUnavailableException or IOException or InvalidDataException or CryptographicException
                                                  or ServiceNotTrustedException or ReceiptRejectedException or System.Text.Json.JsonException)
            {
                step = new DemoStep(_steps.Count + 1, name, false, exception.Message);
            }

            _steps.Add(step);
            progress(step);
            if (!step.Passed)
            {
                return false;
            }
        }

        return true;
    }

    private static ContractContent Contract(string suffix, byte[] measurement, byte[] hostData, string runtimeDigest) => new()
    {
        Title = $"Claims and sales analysis ({suffix})",
        Description = "Demo: a model of Bob's runs over Alice's sales and Bob's claims in a clean room.",
        Parties = ["alice", "bob"],
        Datasets =
        [
            new DatasetSpec { Owner = "alice", Name = $"sales-{suffix}", Location = "https://storage.example/alice/sales.parquet.enc", Format = "parquet", KeySecret = $"sales-key-{suffix}" },
            new DatasetSpec { Owner = "bob", Name = $"claims-{suffix}", Location = "https://storage.example/bob/claims.csv.enc", Format = "csv", KeySecret = $"claims-key-{suffix}" },
        ],
        Secrets = [new SecretSpec { Owner = "bob", Name = $"model-config-{suffix}" }],
        CleanRoom = new CleanRoomProfile
        {
            Type = 0,
            Vmpl = 0,
            CustomRuntime = new CustomRuntime { Name = "demo-analytics", Digest = runtimeDigest },
            Egress = EgressMode.Secure,
        },
        AttestationPolicy = new AttestationPolicySpec
        {
            Measurements = [Convert.ToHexStringLower(measurement)],
            HostData = [Convert.ToHexStringLower(hostData)],
            Products = [SnpProductName.Milan],
            SigningKey = SigningKeyName.Vcek,
            Vmpl = 0,
        },
    };

    private static void Expect(ReleaseOutcome outcome, string folder, string owner, string file, byte[] expected)
    {
        var path = Path.Combine(outcome.OutputDirectory, folder, owner, file);
        if (!File.Exists(path))
        {
            throw new DemoException($"{folder}/{owner}/{file} was not released");
        }

        if (!CryptographicOperations.FixedTimeEquals(File.ReadAllBytes(path), expected))
        {
            throw new DemoException($"{folder}/{owner}/{file} does not decrypt to the stored value");
        }

        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != (UnixFileMode.UserRead | UnixFileMode.UserWrite))
        {
            throw new DemoException($"{folder}/{owner}/{file} is not mode 0600");
        }
    }

    internal sealed class DemoException(string message) : Exception(message);
}
