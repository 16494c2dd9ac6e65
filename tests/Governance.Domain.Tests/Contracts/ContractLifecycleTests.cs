using System.Security.Cryptography;
using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

public sealed class ContractLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Contract Proposed(out ECDsa aliceKey, out ECDsa bobKey)
    {
        var contract = Contract.Create(Guid.NewGuid(), "alice", ContractSamples.Content("alice", "bob"), Now);
        contract.Propose("alice", Now);
        aliceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        bobKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        return contract;
    }

    private static void ApproveSigned(Contract contract, string member, ECDsa key, Contract? amended = null)
    {
        var signature = ContractApprovalSignature.Sign(key, EcJwk.Thumbprint(key), contract.Id, contract.DigestHex);
        var evidence = ApprovalVerifier.Verify(contract, member, contract.Digest, signature,
            [new PartyKey(EcJwk.Thumbprint(key), EcJwk.Export(key), true)], unsignedAllowed: false);
        contract.Approve(member, contract.Digest, evidence, amended, Now);
    }

    [Fact]
    public void Every_party_approving_accepts_and_makes_releases_eligible()
    {
        var contract = Proposed(out var alice, out var bob);
        ApproveSigned(contract, "alice", alice);
        Assert.Equal(ContractStateName.Proposed, contract.State);
        ApproveSigned(contract, "bob", bob);
        Assert.Equal(ContractStateName.Accepted, contract.State);
        Assert.True(contract.Check(Now).Allowed);
        Assert.Equal(2u, contract.EffectivePolicy.Vmpl);
        Assert.Contains(contract.DrainEvents(), e => e.Kind == ContractEventKind.Accepted);
    }

    [Fact]
    public void Draft_transitions_are_the_proposers_only()
    {
        var contract = Contract.Create(Guid.NewGuid(), "alice", ContractSamples.Content("alice", "bob"), Now);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => contract.Propose("bob", Now)).Kind);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => contract.Edit("bob", contract.Content, Now)).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.Approve("alice", contract.Digest, ApprovalEvidence.UnsignedExternal, amended: null, Now)).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.Revoke("alice", null, Now)).Kind);
        contract.Withdraw("alice", Now);
        Assert.Equal(ContractStateName.Withdrawn, contract.State);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.Propose("alice", Now)).Kind);
    }

    [Fact]
    public void Proposed_content_is_frozen_and_rejection_needs_a_reason()
    {
        var contract = Proposed(out _, out _);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.Edit("alice", contract.Content, Now)).Kind);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() => contract.Reject("bob", " ", Now)).Kind);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => contract.Reject("carol", "no", Now)).Kind);
        contract.Reject("bob", "Not this dataset", Now);
        Assert.Equal(ContractStateName.Rejected, contract.State);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.Withdraw("alice", Now)).Kind);
    }

    [Fact]
    public void Stale_digest_is_a_conflict_and_a_second_vote_is_refused()
    {
        var contract = Proposed(out var alice, out _);
        var other = new byte[32];
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.CheckApprovable("alice", other)).Kind);
        ApproveSigned(contract, "alice", alice);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.CheckApprovable("alice", contract.Digest)).Kind);
    }

    [Fact]
    public void Signature_by_an_unknown_removed_or_other_key_or_over_another_digest_is_refused()
    {
        var contract = Proposed(out var alice, out var bob);
        var kid = EcJwk.Thumbprint(alice);
        var good = ContractApprovalSignature.Sign(alice, kid, contract.Id, contract.DigestHex);
        PartyKey[] active = [new(kid, EcJwk.Export(alice), true)];
        Assert.Throws<DomainException>(() => ApprovalVerifier.Verify(contract, "alice", contract.Digest, good, [new(kid, EcJwk.Export(alice), false)], false));
        Assert.Throws<DomainException>(() => ApprovalVerifier.Verify(contract, "alice", contract.Digest, good, [], false));
        var byBob = ContractApprovalSignature.Sign(bob, kid, contract.Id, contract.DigestHex);
        Assert.Throws<DomainException>(() => ApprovalVerifier.Verify(contract, "alice", contract.Digest, byBob, active, false));
        var otherDigest = ContractApprovalSignature.Sign(alice, kid, contract.Id, new string('0', 64));
        Assert.Throws<DomainException>(() => ApprovalVerifier.Verify(contract, "alice", contract.Digest, otherDigest, active, false));
        var tampered = good[..^2] + (good[^2] == 'A' ? "B" : "A") + good[^1];
        Assert.Throws<DomainException>(() => ApprovalVerifier.Verify(contract, "alice", contract.Digest, tampered, active, false));
        Assert.Throws<DomainException>(() => ApprovalVerifier.Verify(contract, "alice", contract.Digest, null, active, false));
        Assert.True(ApprovalVerifier.Verify(contract, "alice", contract.Digest, null, active, true).IsUnsigned);
        Assert.False(ApprovalVerifier.Verify(contract, "alice", contract.Digest, good, active, false).IsUnsigned);
    }

    [Fact]
    public void Revocation_stops_releases_and_amendment_supersedes_on_acceptance()
    {
        var contract = Proposed(out var alice, out var bob);
        ApproveSigned(contract, "alice", alice);
        ApproveSigned(contract, "bob", bob);
        var amendment = contract.Amend("bob", Guid.NewGuid(), Now);
        Assert.Equal(2, amendment.Version);
        Assert.Equal(contract.Id, amendment.PreviousVersionId);
        Assert.Equal(ContractStateName.Draft, amendment.State);
        Assert.True(contract.Check(Now).Allowed);
        amendment.Propose("bob", Now);
        ApproveSigned(amendment, "alice", alice, contract);
        ApproveSigned(amendment, "bob", bob, contract);
        contract.SupersedeBy(amendment, Now);
        Assert.Equal(ReleaseIneligibility.Superseded, contract.Check(Now).Reason);
        amendment.Revoke("alice", "Breach", Now);
        Assert.Equal(ReleaseIneligibility.Revoked, amendment.Check(Now).Reason);
    }

    [Fact]
    public void Of_two_amendments_of_one_version_only_the_first_accepted_supersedes_it_and_the_other_is_refused_unchanged()
    {
        var contract = Proposed(out var alice, out var bob);
        ApproveSigned(contract, "alice", alice);
        ApproveSigned(contract, "bob", bob);
        var first = contract.Amend("alice", Guid.NewGuid(), Now);
        var second = contract.Amend("bob", Guid.NewGuid(), Now);
        first.Propose("alice", Now);
        second.Propose("bob", Now);
        ApproveSigned(first, "alice", alice, contract);
        ApproveSigned(first, "bob", bob, contract);
        contract.SupersedeBy(first, Now);
        ApproveSigned(second, "alice", alice, contract);
        var revision = second.Revision;

        var refused = Assert.Throws<DomainException>(() => ApproveSigned(second, "bob", bob, contract));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("superseded", refused.Message, StringComparison.Ordinal);
        Assert.Equal((ContractStateName.Proposed, 1, revision), (second.State, second.Approvals.Count, second.Revision));
    }

    [Fact]
    public void An_amendment_of_a_revoked_or_expired_version_is_not_accepted()
    {
        var contract = Proposed(out var alice, out var bob);
        ApproveSigned(contract, "alice", alice);
        ApproveSigned(contract, "bob", bob);
        var amendment = contract.Amend("alice", Guid.NewGuid(), Now);
        amendment.Propose("alice", Now);
        ApproveSigned(amendment, "alice", alice, contract);
        contract.Revoke("bob", "Breach", Now);

        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => ApproveSigned(amendment, "bob", bob, contract)).Kind);
    }

    [Fact]
    public void An_amendment_that_leaves_out_a_party_is_refused_at_proposal_and_at_acceptance()
    {
        var contract = Proposed(out var alice, out var bob);
        ApproveSigned(contract, "alice", alice);
        ApproveSigned(contract, "bob", bob);
        var amendment = contract.Amend("alice", Guid.NewGuid(), Now);
        amendment.Edit("alice", contract.Content with { Parties = ["alice"], Secrets = [] }, Now);

        var atProposal = Assert.Throws<DomainException>(() => amendment.RequireKeepsPartiesOf(contract));
        Assert.Equal(ErrorKind.Unprocessable, atProposal.Kind);
        Assert.Contains(AmendmentParties.Rule, atProposal.Message, StringComparison.Ordinal);

        amendment.Propose("alice", Now);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() => ApproveSigned(amendment, "alice", alice, contract)).Kind);
        Assert.Equal(ContractStateName.Proposed, amendment.State);
        Assert.Equal(ContractStateName.Accepted, contract.State);
    }

    [Fact]
    public void Validity_bounds_and_release_limit_decide_eligibility()
    {
        var content = ContractSamples.Content("alice") with
        {
            Validity = new ContractValidity { NotBefore = Now.AddDays(1), NotAfter = Now.AddDays(2), MaxReleases = 1 },
        };
        var contract = Contract.Create(Guid.NewGuid(), "alice", content, Now);
        contract.Propose("alice", Now);
        contract.Approve("alice", contract.Digest, ApprovalEvidence.UnsignedExternal, amended: null, Now);
        Assert.Equal(ReleaseIneligibility.NotYetValid, contract.Check(Now).Reason);
        contract.RecordRelease(Now.AddDays(1.5));
        Assert.Equal(ReleaseIneligibility.ReleaseLimitReached, contract.Check(Now.AddDays(1.5)).Reason);
        Assert.Equal(ReleaseIneligibility.Expired, contract.Check(Now.AddDays(2)).Reason);
        Assert.Equal(ContractStateName.Expired, contract.EffectiveState(Now.AddDays(2)));
    }

    [Fact]
    public void Digest_ignores_key_order_and_whitespace()
    {
        const string a = """{"title":"T","parties":["alice"],"cleanRoom":{"type":0,"vmpl":0},"attestationPolicy":{}}""";
        const string b = """
            { "attestationPolicy" : { },
              "cleanRoom": { "vmpl": 0, "type": 0 },
              "parties": [ "alice" ], "title": "T" }
            """;
        Assert.Equal(ContractDigest.ComputeFromJson(a), ContractDigest.ComputeFromJson(b));
        Assert.NotEqual(ContractDigest.ComputeFromJson(a), ContractDigest.ComputeFromJson(a.Replace("\"T\"", "\"U\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validation_lists_every_broken_rule()
    {
        var content = ContractSamples.Content("alice", "alice") with
        {
            Secrets = [new SecretSpec { Owner = "mallory", Name = "k" }],
            AttestationPolicy = new AttestationPolicySpec { Measurements = ["abcd"], HostData = [new string('A', 64)] },
        };
        var error = Assert.Throws<DomainException>(() => ContractContentValidator.Validate(content, "alice",
            new Dictionary<string, PartyStanding> { ["alice"] = PartyStanding.Active }));
        var errors = (IReadOnlyDictionary<string, string[]>)error.Extensions["errors"]!;
        Assert.Contains("parties", errors.Keys);
        Assert.Contains("secrets[0].owner", errors.Keys);
        Assert.Contains("attestationPolicy.measurements[0]", errors.Keys);
        Assert.Contains("attestationPolicy.hostData[0]", errors.Keys);
    }

    [Fact]
    public void Required_mitigation_bits_reach_the_evaluated_policy_and_stay_out_of_contracts_that_do_not_set_them()
    {
        var spec = new AttestationPolicySpec { RequiredLaunchMitigations = 0b101, RequiredCurrentMitigations = 0b10 };

        var policy = ContractPolicy.ToAttestationPolicy(spec);

        Assert.Equal((0b101u, 0b10u), (policy.RequiredLaunchMitigations, policy.RequiredCurrentMitigations));
        var json = System.Text.Json.JsonSerializer.Serialize(new AttestationPolicySpec(), ContractJson.Options);
        Assert.DoesNotContain("Mitigations", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"requiredLaunchMitigations\":5", System.Text.Json.JsonSerializer.Serialize(spec, ContractJson.Options), StringComparison.Ordinal);
    }
}
