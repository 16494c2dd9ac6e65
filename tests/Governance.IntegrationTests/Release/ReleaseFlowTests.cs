using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Attestation;
using Governance.Attestation.Snp.Abi;
using Governance.Domain.Contracts;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence.Contracts;
using Governance.Persistence.Keys;
using Governance.Protocol.Contracts;
using Governance.Protocol.Release;
using Jose;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

public sealed class ReleaseFlowTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);

    [Fact]
    public async Task Full_flow_releases_every_value_to_the_vm_key_with_a_verifiable_receipt()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);

        var response = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var released = (await response.Content.ReadFromJsonAsync<ReleaseResponse>())!;
        var secret = Assert.Single(released.Secrets);
        Assert.Equal((factory.Alice.Id, setup.SecretName), (secret.Owner, secret.Name));
        Assert.Equal(setup.SecretValue, JWT.DecryptBytes(secret.Jwe, vm.Key));
        var dataset = Assert.Single(released.Datasets);
        Assert.Equal((factory.Bob.Id, "sales", "https://storage.example/sales", "parquet"), (dataset.Owner, dataset.Name, dataset.Location, dataset.Format));
        Assert.Equal(setup.DatasetKey, JWT.DecryptBytes(dataset.Key, vm.Key));
        Assert.Equal(setup.DatasetCredential, JWT.DecryptBytes(dataset.Credential!, vm.Key));

        // A relying party checks the receipt as anyone can: with the key GET /keys publishes under the JWS's kid.
        var kid = (string)JWT.Headers(released.Receipt)["kid"];
        using var anonymous = factory.CreateClient();
        var published = (await anonymous.GetFromJsonAsync<Governance.Protocol.Audit.ServiceJwkSet>("/keys", Governance.Protocol.Audit.AuditJson.Options))!;
        var receiptKey = Assert.Single(published.Keys, k => k.Kid == kid);
        Assert.Equal(("P-256", "ES256"), (receiptKey.Crv, receiptKey.Alg));
        using var publicKey = receiptKey.ToECDsa();
        var receipt = JsonDocument.Parse(JWT.Decode(released.Receipt, publicKey, JwsAlgorithm.ES256)).RootElement;
        Assert.Equal(setup.ContractId, receipt.GetProperty("contractId").GetString());
        Assert.Equal(setup.Digest, receipt.GetProperty("contractDigest").GetString());
        Assert.Equal(64, receipt.GetProperty("claimsDigest").GetString()!.Length);
        Assert.Equal(JwkThumbprint.ComputeBase64Url(vm.PublicKey), receipt.GetProperty("wrappingKeyThumbprint").GetString());
        Assert.Equal([$"secret:{factory.Alice.Id}/{setup.SecretName}", $"dataset:{factory.Bob.Id}/sales"],
            receipt.GetProperty("released").EnumerateArray().Select(e => e.GetString()));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var current = await scope.ServiceProvider.GetRequiredService<IServiceSigningKeys>().GetCurrentAsync(ServiceKeyPurpose.Receipts);
            Assert.Equal(current.KeyId, kid);
        }

        Assert.Equal("1", await ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
        Assert.Equal("1", await ScalarAsync($"SELECT count(*) FROM audit_entries WHERE action = 'release.granted' AND 'contract:{setup.ContractId}' = ANY(subjects)"));
    }

    [Fact]
    public async Task Anyone_recomputes_a_receipts_claims_digest_from_the_claims_its_audit_entry_records()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        var released = (await (await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()))).Content.ReadFromJsonAsync<ReleaseResponse>())!;
        var claimsDigest = JsonDocument.Parse(JWT.Payload(released.Receipt)).RootElement.GetProperty("claimsDigest").GetString();

        var claims = System.Text.Json.Nodes.JsonNode.Parse(await ScalarAsync(
            $"SELECT details->>'claims' FROM audit_entries WHERE action = 'release.granted' AND 'contract:{setup.ContractId}' = ANY(subjects)"))!.AsObject();

        Assert.Equal(claimsDigest, ReleaseClaims.Digest(claims));
        Assert.Equal(Convert.ToHexStringLower(Measurement), claims["measurement"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_a_key_rotation_receipts_carry_the_new_kid_and_earlier_receipts_still_verify()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        var before = (await (await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()))).Content.ReadFromJsonAsync<ReleaseResponse>())!;
        using (var ops = factory.CreateClient(factory.Operator))
        {
            Assert.Equal(HttpStatusCode.OK, (await ops.PostAsync("/keys/rotate", null)).StatusCode);
        }

        var after = (await (await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()))).Content.ReadFromJsonAsync<ReleaseResponse>())!;
        using var anonymous = factory.CreateClient();
        var keys = (await anonymous.GetFromJsonAsync<Protocol.Audit.ServiceJwkSet>("/keys", Protocol.Audit.AuditJson.Options))!;
        var kidBefore = (string)JWT.Headers(before.Receipt)["kid"];
        var kidAfter = (string)JWT.Headers(after.Receipt)["kid"];
        Assert.Equal(keys.Keys.First(k => k.Alg == Protocol.Audit.ServiceJwk.ReceiptAlgorithm).Kid, kidAfter);
        Assert.NotEqual(kidBefore, kidAfter);
        foreach (var (receipt, kid) in new[] { (before.Receipt, kidBefore), (after.Receipt, kidAfter) })
        {
            using var key = keys.Keys.Single(k => k.Kid == kid).ToECDsa();
            Assert.Equal(setup.ContractId, JsonDocument.Parse(JWT.Decode(receipt, key, JwsAlgorithm.ES256)).RootElement.GetProperty("contractId").GetString());
        }
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        var nonce = await ChallengeAsync();
        Assert.Equal(HttpStatusCode.OK, (await ReleaseAsync(vm.Request(setup.ContractId, nonce))).StatusCode);

        var replay = await ReleaseAsync(vm.Request(setup.ContractId, nonce));

        Assert.Equal(["nonce.unused"], await RefusedRulesAsync(replay));
    }

    [Fact]
    public async Task An_expired_nonce_is_refused()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        var nonce = await ChallengeAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(["nonce.unexpired"], await RefusedRulesAsync(await ReleaseAsync(vm.Request(setup.ContractId, nonce))));
    }

    [Fact]
    public async Task A_nonce_sent_by_two_requests_at_once_releases_exactly_once()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        var nonce = await ChallengeAsync();
        var request = vm.Request(setup.ContractId, nonce);

        var responses = await Task.WhenAll(ReleaseAsync(request), ReleaseAsync(request));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Forbidden);
        Assert.Equal(["nonce.unused"], await RefusedRulesAsync(refused));
        Assert.Equal("1", await ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Theory]
    [InlineData("unbound report_data", "evidence.binding")]
    [InlineData("wrong measurement", "policy.measurement")]
    [InlineData("debug on", "policy.debug")]
    [InlineData("wrong VMPL", "policy.vmpl")]
    public async Task Evidence_that_breaks_a_rule_is_refused_naming_it(string change, string rule)
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        Func<AttestationReport, AttestationReport> tweak = change switch
        {
            "unbound report_data" => r => r with { ReportData = RandomNumberGenerator.GetBytes(64) },
            "wrong measurement" => r => r with { Measurement = RandomNumberGenerator.GetBytes(48) },
            "debug on" => r => r with { Policy = new GuestPolicy(r.Policy.Raw | (1UL << 19)) },
            _ => r => r with { Vmpl = 1 },
        };

        var response = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync(), tweak));

        Assert.Equal([rule], await RefusedRulesAsync(response));
        Assert.Equal("0", await ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Fact]
    public async Task A_tcb_below_the_contract_minimum_is_refused()
    {
        var setup = await SeedAsync(policy: p => p with { MinimumTcb = new TcbMinimumSpec { Microcode = 250 } });
        using var vm = factory.NewVm(Measurement);

        var response = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()));

        Assert.Equal(["policy.minimum_tcb.microcode"], await RefusedRulesAsync(response));
    }

    [Fact]
    public async Task A_refusal_names_every_failed_rule_and_records_expected_versus_actual()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(RandomNumberGenerator.GetBytes(48));
        var tweak = (AttestationReport r) => r with { Vmpl = 2, Policy = new GuestPolicy(r.Policy.Raw | (1UL << 19)), ReportData = new byte[64] };

        var response = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync(), tweak));

        // Unbound evidence may be replayed from another VM, so the caller learns only about its proof; the entry keeps everything.
        Assert.Equal(["evidence.binding"], await RefusedRulesAsync(response));
        var details = await ScalarAsync($"SELECT details::text FROM audit_entries WHERE action = 'release.denied' AND 'contract:{setup.ContractId}' = ANY(subjects)");
        var failures = JsonDocument.Parse(details).RootElement.GetProperty("failures").EnumerateArray().ToList();
        var vmpl = failures.Single(f => f.GetProperty("rule").GetString() == "policy.vmpl");
        Assert.Equal(("0", "2"), (vmpl.GetProperty("expected").GetString(), vmpl.GetProperty("actual").GetString()));
        Assert.Contains($"member:{factory.Bob.Id}", await ScalarAsync($"SELECT array_to_string(subjects, ',') FROM audit_entries WHERE action = 'release.denied' AND 'contract:{setup.ContractId}' = ANY(subjects)"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_unaccepted_and_expired_contracts_release_nothing()
    {
        using var vm = factory.NewVm(Measurement);
        var revoked = await SeedAsync();
        await ChangeAsync(revoked.ContractId, c => c.Revoke(factory.Alice.Id, "ended", factory.Time.GetUtcNow()));
        var proposed = await SeedAsync(accept: false);
        var expiring = await SeedAsync(validity: new ContractValidity { NotAfter = factory.Time.GetUtcNow().AddMinutes(1) });

        var refusedRevoked = await ReleaseAsync(vm.Request(revoked.ContractId, await ChallengeAsync()));
        var refusedProposed = await ReleaseAsync(vm.Request(proposed.ContractId, await ChallengeAsync()));
        var nonce = await ChallengeAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(2));
        var refusedExpired = await ReleaseAsync(vm.Request(expiring.ContractId, nonce));

        Assert.Equal(["contract.revoked"], await RefusedRulesAsync(refusedRevoked));
        Assert.Equal(["contract.not_accepted"], await RefusedRulesAsync(refusedProposed));
        Assert.Equal(["contract.expired"], await RefusedRulesAsync(refusedExpired));
    }

    [Fact]
    public async Task Concurrent_releases_never_exceed_the_contracts_release_limit()
    {
        const int limit = 3;
        var setup = await SeedAsync(validity: new ContractValidity { MaxReleases = limit });
        using var vm = factory.NewVm(Measurement);
        var requests = new List<ReleaseRequest>();
        for (var i = 0; i < 8; i++)
        {
            requests.Add(vm.Request(setup.ContractId, await ChallengeAsync()));
        }

        var responses = await Task.WhenAll(requests.Select(ReleaseAsync));

        Assert.Equal(limit, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(["contract.release_limit_reached"], await RefusedRulesAsync(refused));
        }

        Assert.Equal($"{limit}", await ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Fact]
    public async Task Custom_runtime_needs_the_manifest_of_host_data_naming_its_digest()
    {
        var runtimeDigest = "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var setup = await SeedAsync(runtime: new CustomRuntime { Name = "spark-cleanroom", Digest = runtimeDigest });
        using var vm = factory.NewVm(Measurement);
        var manifest = Encoding.UTF8.GetBytes($"{{\"containers\":[{{\"image\":\"cleanroom/spark@{runtimeDigest}\"}}]}}");
        var otherManifest = Encoding.UTF8.GetBytes($"{{\"containers\":[{{\"image\":\"someone/else@sha256:{new string('0', 64)}\"}}]}}");

        var missing = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()));
        var other = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync(), manifest: otherManifest));
        var granted = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync(), manifest: manifest));

        Assert.Equal(["runtime.manifest"], await RefusedRulesAsync(missing));
        Assert.Equal(["runtime.digest"], await RefusedRulesAsync(other));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
    }

    [Fact]
    public async Task Custom_runtime_pinned_by_signer_needs_a_component_with_that_digest_and_signer()
    {
        var runtimeDigest = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var signer = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var otherSigner = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var setup = await SeedAsync(runtime: new CustomRuntime { Name = "spark-cleanroom", Digest = runtimeDigest, SignerThumbprint = signer });
        using var vm = factory.NewVm(Measurement);
        byte[] Manifest(string componentSigner) => Encoding.UTF8.GetBytes(
            $"{{\"components\":[{{\"name\":\"spark\",\"digest\":\"sha256:{runtimeDigest}\",\"signer\":\"{componentSigner}\"}}]}}");

        var refused = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync(), manifest: Manifest(otherSigner)));
        var granted = await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync(), manifest: Manifest(signer.ToUpperInvariant())));

        Assert.Equal(["runtime.signer"], await RefusedRulesAsync(refused));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var released = (await granted.Content.ReadFromJsonAsync<ReleaseResponse>())!;
        Assert.Equal(setup.SecretValue, JWT.DecryptBytes(Assert.Single(released.Secrets).Jwe, vm.Key));
    }

    [Fact]
    public async Task Plaintext_never_reaches_logs_or_any_database_row()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        Assert.Equal(HttpStatusCode.OK, (await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()))).StatusCode);
        await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync(), r => r with { Vmpl = 3 }));

        var tables = await ScalarAsync("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        var rows = new StringBuilder();
        foreach (var table in tables.Split(','))
        {
            rows.Append(await ScalarAsync($"SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') FROM \"{table}\" t"));
        }

        var logs = string.Join('\n', factory.Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(',', r.StructuredState ?? [])}"));
        Assert.Contains(setup.ContractId, rows.ToString(), StringComparison.Ordinal);
        Assert.Contains("Release granted", logs, StringComparison.Ordinal);
        foreach (var value in new[] { setup.SecretValue, setup.DatasetKey, setup.DatasetCredential })
        {
            foreach (var form in new[] { Convert.ToHexString(value), Convert.ToBase64String(value), Base64Url.EncodeToString(value) })
            {
                Assert.DoesNotContain(form, rows.ToString(), StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(form, logs, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Malformed_release_requests_are_refused_with_400_before_anything_is_recorded()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        var good = vm.Request(setup.ContractId, await ChallengeAsync());
        var denied = await ScalarAsync("SELECT count(*) FROM audit_entries WHERE action = 'release.denied'");
        ReleaseRequest[] hostile =
        [
            good with { ContractId = new string('a', 2000) },
            good with { ContractId = setup.ContractId + "\0" },
            good with { ContractId = "contract-1" },
            good with { Nonce = new string('A', 10_000) },
            good with { Evidence = good.Evidence with { Type = "tdx" } },
            good with { Evidence = good.Evidence with { Type = "sev-snp\0" } },
            good with { Evidence = good.Evidence with { Report = new string('A', 100_000) } },
            good with { WrappingKey = good.WrappingKey with { Kid = new string('k', 5000) } },
        ];

        foreach (var request in hostile)
        {
            await ProblemAssert.IsProblem(await ReleaseAsync(request), HttpStatusCode.BadRequest);
        }

        Assert.Equal(denied, await ScalarAsync("SELECT count(*) FROM audit_entries WHERE action = 'release.denied'"));
        Assert.Equal(HttpStatusCode.OK, (await ReleaseAsync(good)).StatusCode);
    }

    [Fact]
    public async Task A_queued_entry_the_log_cannot_store_does_not_stop_the_log_for_anyone()
    {
        var setup = await SeedAsync();
        // What a 2,000-character contractId used to queue (random, so compression cannot shrink it below the GIN limit).
        var queueId = await ScalarAsync("""
            INSERT INTO audit_queue (timestamp, actor_kind, actor_id, action, subjects, outcome, details)
            SELECT now(), 'anonymous', 'anonymous', 'release.denied',
                   ARRAY['contract:' || string_agg(md5(random()::text), '')], 'denied', '{}'
            FROM generate_series(1, 400)
            RETURNING id
            """);
        using var vm = factory.NewVm(Measurement);
        Assert.Equal(HttpStatusCode.OK, (await ReleaseAsync(vm.Request(setup.ContractId, await ChallengeAsync()))).StatusCode);

        using var alice = factory.CreateClient(factory.Alice);
        var page = await alice.GetAsync($"/audit/entries?contract={setup.ContractId}&action=release.granted");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("release.granted", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("1", await ScalarAsync($"SELECT count(*) FROM audit_entries WHERE action = 'audit.entry_poisoned' AND details->>'queueId' = '{queueId}'"));
        Assert.Equal("0", await ScalarAsync("SELECT count(*) FROM audit_queue"));
    }

    [Fact]
    public async Task An_ec_wrapping_key_off_the_curve_is_refused_with_400()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        var request = vm.Request(setup.ContractId, await ChallengeAsync()) with
        {
            WrappingKey = new WrappingKey { Kty = "EC", Crv = "P-384", X = Base64Url.EncodeToString(new byte[48]), Y = Base64Url.EncodeToString(Enumerable.Repeat((byte)7, 48).ToArray()) },
        };

        var body = await ProblemAssert.IsProblem(await ReleaseAsync(request), HttpStatusCode.BadRequest);
        Assert.Contains("not a point on P-384", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>An even modulus used to reach the platform's RSA encryption and answer 500.</summary>
    [Fact]
    public async Task An_rsa_wrapping_key_with_an_even_modulus_is_refused_with_422_and_nothing_is_counted()
    {
        var setup = await SeedAsync();
        using var vm = factory.NewVm(Measurement);
        using var rsa = RSA.Create(3072);
        var modulus = rsa.ExportParameters(false).Modulus!;
        modulus[^1] &= 0xFE;
        var request = vm.Request(setup.ContractId, await ChallengeAsync()) with
        {
            WrappingKey = new WrappingKey { Kty = "RSA", N = Base64Url.EncodeToString(modulus), E = "AQAB" },
        };

        var body = await ProblemAssert.IsProblem(await ReleaseAsync(request), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("modulus is even", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("0", await ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Fact]
    public async Task Without_genuine_bound_evidence_a_refusal_does_not_reveal_the_contract()
    {
        var proposed = await SeedAsync(accept: false);
        using var vm = factory.NewVm(Measurement);
        async Task<HttpResponseMessage> UnverifiedAsync(string id)
        {
            var request = vm.Request(id, await ChallengeAsync());
            return await ReleaseAsync(request with { Evidence = request.Evidence with { Report = Convert.ToBase64String(new byte[1184]) } });
        }

        var existing = await UnverifiedAsync(proposed.ContractId);
        var missing = await UnverifiedAsync(Guid.NewGuid().ToString());

        var rulesExisting = await RefusedRulesAsync(existing);
        Assert.All(rulesExisting, r => Assert.StartsWith("evidence.", r, StringComparison.Ordinal));
        Assert.Equal(rulesExisting, await RefusedRulesAsync(missing));

        // With genuine evidence bound to a fresh nonce, the clean room is told what it needs to fix.
        Assert.Equal(["contract.not_accepted"], await RefusedRulesAsync(await ReleaseAsync(vm.Request(proposed.ContractId, await ChallengeAsync()))));
    }

    private readonly ReleaseDriver driver = new(factory);

    private Task<Seeded> SeedAsync(
        Func<AttestationPolicySpec, AttestationPolicySpec>? policy = null, bool accept = true, ContractValidity? validity = null, CustomRuntime? runtime = null) =>
        driver.SeedAsync(Measurement, policy, accept, validity, runtime);

    private Task ChangeAsync(string id, Action<Contract> change) => driver.ChangeAsync(id, change);

    private Task<string> ChallengeAsync() => driver.ChallengeAsync();

    private Task<HttpResponseMessage> ReleaseAsync(ReleaseRequest request) => driver.ReleaseAsync(request);

    private static Task<string[]> RefusedRulesAsync(HttpResponseMessage response) => ReleaseDriver.RefusedRulesAsync(response);

    private Task<string> ScalarAsync(string sql) => driver.ScalarAsync(sql);
}
