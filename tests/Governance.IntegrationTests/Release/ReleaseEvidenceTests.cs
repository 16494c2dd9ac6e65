using System.Security.Cryptography;
using Governance.Api.Release;
using Governance.Attestation;
using Governance.Attestation.Policy;
using Governance.Attestation.Snp.Abi;
using Governance.Attestation.Snp.Simulation;
using Governance.Domain.Release;
using Governance.Protocol.Release;
using Microsoft.Extensions.Time.Testing;
using Base64Url = System.Buffers.Text.Base64Url;

namespace Governance.IntegrationTests.Release;

/// <summary>Shares one simulated AMD-like platform (its RSA chain is slow to make) across the evidence tests.</summary>
public sealed class SimulatedPlatformFixture : IDisposable
{
    public SimulatedSnpPlatform Platform { get; } = SimulatedSnpPlatform.Create(SnpProduct.Milan);

    public void Dispose() => Platform.Dispose();
}

public sealed class ReleaseEvidenceTests(SimulatedPlatformFixture fixture) : IClassFixture<SimulatedPlatformFixture>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);

    private static readonly AttestationPolicy Policy = new()
    {
        Measurements = [Convert.ToHexStringLower(Measurement)],
        MinimumTcb = new TcbMinimum { BootLoader = 4, Snp = 24, Microcode = 219 },
        Vmpl = 0,
    };

    private AttestationEvidenceVerifier Verifier => new AttestationEvidenceVerifier(new Governance.Api.Hosting.FixedEvidenceVerifierProvider(new EvidenceVerifier(
        new EvidenceVerifierOptions { Snp = new() { ExtraTrustedRoots = [fixture.Platform.TrustRoot], Offline = true } },
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)))));

    /// <summary>The attestation policy rules the release decision finds broken, for an otherwise releasable contract.</summary>
    private static List<ReleaseFailure> PolicyFailures(VerifiedEvidence evidence, AttestationPolicy policy)
    {
        var contract = new ReleaseContract("c1", new string('0', 64), ["alice"], policy, null, [], [],
            Domain.Contracts.ReleaseEligibility.Eligible, "Accepted", ContentMatchesDigest: true, AcceptanceSeal: "sealed", Revision: 1, MaxReleases: null,
            Domain.Contracts.ConsentState.Initial(["alice"]), Protocol.Contracts.EgressMode.Secure, null);
        var facts = new ReleaseFacts(NonceState.Consumed, evidence, [], null, contract, true, null, false, null);
        return [.. ReleaseDecision.Evaluate(facts).Where(f => f.Rule.StartsWith(ReleaseRules.PolicyPrefix, StringComparison.Ordinal))];
    }

    [Fact]
    public async Task Genuine_evidence_carries_the_binding_and_satisfies_the_policy()
    {
        using var vm = new CleanRoomVm(fixture.Platform, Measurement);
        var nonce = NewNonce();
        var request = vm.Request("c1", nonce);

        var (evidence, failures) = await Verifier.VerifyAsync(request.Evidence, CancellationToken.None);

        Assert.Empty(failures);
        Assert.Equal(ReleaseBinding.Compute(Base64Url.DecodeFromChars(nonce), vm.PublicKey), evidence!.BoundData);
        Assert.Empty(PolicyFailures(evidence, Policy));
        Assert.Equal(Convert.ToHexStringLower(Measurement), evidence.ClaimsJson["measurement"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_broken_policy_rule_is_reported_with_expected_and_actual()
    {
        using var vm = new CleanRoomVm(fixture.Platform, RandomNumberGenerator.GetBytes(48));
        var request = vm.Request("c1", NewNonce(), report => report with { Policy = new GuestPolicy(report.Policy.Raw | (1UL << 19)), Vmpl = 2 });
        var (evidence, _) = await Verifier.VerifyAsync(request.Evidence, CancellationToken.None);

        var failures = PolicyFailures(evidence!, Policy with { MinimumTcb = new TcbMinimum { Microcode = 250 } });

        Assert.Equal(
            ["policy.debug", "policy.measurement", "policy.minimum_tcb.microcode", "policy.vmpl"],
            failures.Select(f => f.Rule).Order(StringComparer.Ordinal));
        var vmpl = failures.Single(f => f.Rule == "policy.vmpl");
        Assert.Equal(("0", "2"), (vmpl.Expected, vmpl.Actual));
    }

    [Fact]
    public async Task Tampered_or_foreign_evidence_is_not_verified()
    {
        using var vm = new CleanRoomVm(fixture.Platform, Measurement);
        var request = vm.Request("c1", NewNonce());
        var report = Convert.FromBase64String(request.Evidence.Report!);
        report[0x90] ^= 1; // a MEASUREMENT byte, after signing

        var (tampered, tamperedFailures) = await Verifier.VerifyAsync(request.Evidence with { Report = Convert.ToBase64String(report) }, CancellationToken.None);
        var (garbage, garbageFailures) = await Verifier.VerifyAsync(request.Evidence with { Report = "not base64" }, CancellationToken.None);
        var (unknown, unknownFailures) = await Verifier.VerifyAsync(new ReleaseEvidence("tdx", Report: "AA=="), CancellationToken.None);

        Assert.Null(tampered);
        Assert.Equal(ReleaseRules.EvidenceVerified, Assert.Single(tamperedFailures).Rule);
        Assert.Null(garbage);
        Assert.Equal(ReleaseRules.EvidenceFormat, Assert.Single(garbageFailures).Rule);
        Assert.Null(unknown);
        Assert.Equal(ReleaseRules.EvidenceFormat, Assert.Single(unknownFailures).Rule);
    }

    private static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
