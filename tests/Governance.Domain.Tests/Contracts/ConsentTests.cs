using System.Security.Cryptography;
using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

/// <summary>Consent switches as the contract decides them: each party's own, signed, on an accepted contract only.</summary>
public sealed class ConsentTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Contract Accepted()
    {
        var contract = Contract.Create(Guid.NewGuid(), "alice", ContractSamples.Content("alice", "bob"), Now);
        contract.Propose("alice", Now);
        contract.Approve("alice", contract.Digest, ApprovalEvidence.UnsignedExternal, amended: null, Now);
        contract.Approve("bob", contract.Digest, ApprovalEvidence.UnsignedExternal, amended: null, Now);
        return contract;
    }

    private static readonly ApprovalEvidence Signed = ApprovalEvidence.FromSignature("jws", "kid", "{}");

    [Fact]
    public void A_pause_holds_until_the_party_that_set_it_resumes_and_moves_the_revision()
    {
        var contract = Accepted();
        var revision = contract.Revision;

        contract.ChangeConsent("alice", ConsentSwitch.Execution, false, 1, "review", Signed, Now);

        Assert.Equal(["alice"], contract.Consent.PausedBy);
        Assert.False(contract.Consent.Execution);
        Assert.True(contract.Revision > revision);
        var bob = Assert.Throws<DomainException>(() => contract.ChangeConsent("bob", ConsentSwitch.Execution, true, 2, null, Signed, Now));
        Assert.Equal(ErrorKind.Conflict, bob.Kind);
        Assert.Contains("paused by alice", bob.Message, StringComparison.Ordinal);

        contract.ChangeConsent("alice", ConsentSwitch.Execution, true, 2, null, Signed, Now);
        Assert.True(contract.Consent.Execution);
    }

    [Fact]
    public void Logging_and_telemetry_need_every_party_and_stop_when_any_turns_them_off()
    {
        var contract = Accepted();
        contract.ChangeConsent("alice", ConsentSwitch.Logging, true, 1, null, Signed, Now);
        Assert.False(contract.Consent.Logging);
        contract.ChangeConsent("bob", ConsentSwitch.Logging, true, 2, null, Signed, Now);
        Assert.True(contract.Consent.Logging);
        Assert.False(contract.Consent.Telemetry);
        contract.ChangeConsent("alice", ConsentSwitch.Logging, false, 3, null, Signed, Now);
        Assert.False(contract.Consent.Logging);
        Assert.Equal(["bob"], contract.Consent.LoggingEnabledBy);
    }

    [Fact]
    public void Only_a_party_of_an_accepted_contract_changes_consent_over_the_next_sequence()
    {
        var contract = Accepted();
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => contract.CheckConsentChange("mallory", ConsentSwitch.Execution, false, 1)).Kind);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => contract.CheckConsentChange("alice", ConsentSwitch.Execution, false, 2)).Kind);

        var proposed = Contract.Create(Guid.NewGuid(), "alice", ContractSamples.Content("alice", "bob"), Now);
        proposed.Propose("alice", Now);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => proposed.CheckConsentChange("alice", ConsentSwitch.Execution, false, 1)).Kind);
    }

    [Fact]
    public void The_signature_must_be_the_partys_over_this_exact_change()
    {
        var contract = Accepted();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyId = EcJwk.Thumbprint(key);
        var jwk = EcJwk.Export(key);
        PartyKey[] keys = [new(keyId, jwk, IsActive: true)];

        var good = ContractConsentSignature.Sign(key, keyId, contract.Id, "execution", false, 1);
        Assert.Equal(keyId, ConsentVerifier.Verify(contract, "alice", ConsentSwitch.Execution, false, 1, good, keys).KeyId);

        var otherSwitch = ContractConsentSignature.Sign(key, keyId, contract.Id, "logging", false, 1);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() =>
            ConsentVerifier.Verify(contract, "alice", ConsentSwitch.Execution, false, 1, otherSwitch, keys)).Kind);
        Assert.Equal(ErrorKind.Unprocessable, Assert.Throws<DomainException>(() =>
            ConsentVerifier.Verify(contract, "alice", ConsentSwitch.Execution, false, 1, good, [new(keyId, jwk, IsActive: false)])).Kind);
    }
}
