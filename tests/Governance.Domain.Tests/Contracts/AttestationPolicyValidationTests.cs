using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

/// <summary>Rules about the attestation policy that contract validation enforces before a contract is stored.</summary>
public sealed class AttestationPolicyValidationTests
{
    private static readonly Dictionary<string, PartyStanding> Standings = new() { ["alice"] = PartyStanding.Active };

    private static IReadOnlyDictionary<string, string[]> Errors(ContractContent content)
    {
        var error = Assert.Throws<DomainException>(() => ContractContentValidator.Validate(content, "alice", Standings));
        return (IReadOnlyDictionary<string, string[]>)error.Extensions["errors"]!;
    }

    private static ContractContent WithPolicy(Func<AttestationPolicySpec, AttestationPolicySpec> change, CleanRoomProfile? room = null)
    {
        var content = ContractSamples.Content("alice");
        return content with { AttestationPolicy = change(content.AttestationPolicy), CleanRoom = room ?? content.CleanRoom };
    }

    [Theory]
    [InlineData(4u)]
    [InlineData(7u)]
    [InlineData(uint.MaxValue)]
    public void A_policy_vmpl_outside_0_to_3_is_refused_even_when_the_clean_room_says_the_same(uint vmpl)
    {
        var errors = Errors(WithPolicy(p => p with { Vmpl = vmpl }, new CleanRoomProfile { Type = 1, Vmpl = vmpl }));

        Assert.Equal(["Must be 0–3."], errors["attestationPolicy.vmpl"]);
    }

    [Fact]
    public void A_policy_vmpl_of_the_clean_room_is_accepted()
    {
        ContractContentValidator.Validate(WithPolicy(p => p with { Vmpl = 2 }), "alice", Standings);
    }
}
