using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Protocol.Canonical;
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

    [Fact]
    public void A_single_minimum_tcb_is_refused_when_the_policy_allows_two_products()
    {
        var errors = Errors(WithPolicy(p => p with { Products = [SnpProductName.Milan, SnpProductName.Genoa], MinimumTcb = new TcbMinimumSpec { Snp = 20 } }));

        Assert.Contains("attestationPolicy.minimumTcb", errors.Keys);
    }

    [Fact]
    public void A_single_minimum_tcb_is_accepted_for_one_product_and_per_product_minimums_for_several()
    {
        ContractContentValidator.Validate(WithPolicy(p => p with { Products = [SnpProductName.Genoa], MinimumTcb = new TcbMinimumSpec { Snp = 20 } }), "alice", Standings);
        ContractContentValidator.Validate(WithPolicy(p => p with
        {
            Products = [SnpProductName.Milan, SnpProductName.Turin],
            MinimumTcb = new TcbMinimumSpec { Milan = new TcbMinimumSpec { Snp = 24 }, Turin = new TcbMinimumSpec { Snp = 4, Fmc = 1 } },
            MinimumLaunchTcb = new TcbMinimumSpec { Milan = new TcbMinimumSpec { Snp = 24 }, Turin = new TcbMinimumSpec { Snp = 4 } },
        }), "alice", Standings);
    }

    [Fact]
    public void Malformed_per_product_minimums_are_refused_by_path()
    {
        var errors = Errors(WithPolicy(p => p with
        {
            Products = [SnpProductName.Milan, SnpProductName.Genoa],
            MinimumTcb = new TcbMinimumSpec { Milan = new TcbMinimumSpec { Fmc = 1, Turin = new TcbMinimumSpec { Snp = 1 } } },
            MinimumLaunchTcb = new TcbMinimumSpec { Snp = 1, Genoa = new TcbMinimumSpec { Snp = 1 } },
            MinimumAbiMinor = 55,
        }));

        Assert.Contains("attestationPolicy.minimumTcb", errors.Keys);
        Assert.Contains("attestationPolicy.minimumTcb.milan", errors.Keys);
        Assert.Contains("attestationPolicy.minimumTcb.milan.fmc", errors.Keys);
        Assert.Contains("attestationPolicy.minimumLaunchTcb", errors.Keys);
        Assert.Contains("attestationPolicy.minimumAbiMinor", errors.Keys);
    }

    [Fact]
    public void A_policy_that_uses_none_of_the_newer_rules_serialises_and_digests_as_before()
    {
        var json = System.Text.Encoding.UTF8.GetString(CanonicalJson.Serialize(new AttestationPolicySpec { Measurements = [new string('a', 96)] }, ContractJson.Options));

        Assert.Equal(
            "{\"allowDebug\":false,\"allowMaskedChipId\":false,\"allowMigrationAgent\":false,\"allowSmt\":true,\"authorKeyDigests\":[],\"hostData\":[],"
            + "\"idKeyDigests\":[],\"measurements\":[\"" + new string('a', 96) + "\"],\"products\":[],\"signingKey\":\"vcek\",\"trustedAttestationProviders\":[]}",
            json);
    }

    [Fact]
    public void The_per_product_form_maps_onto_the_attestation_library_policy()
    {
        var policy = ContractPolicy.ToAttestationPolicy(new AttestationPolicySpec
        {
            MinimumTcb = new TcbMinimumSpec { Genoa = new TcbMinimumSpec { Microcode = 84 } },
            AllowCxl = true,
            RequireAliasCheckComplete = true,
        });

        Assert.Equal((byte)84, policy.MinimumTcb!.For(Governance.Attestation.Policy.SnpProduct.Genoa)!.Microcode);
        Assert.Null(policy.MinimumTcb.For(Governance.Attestation.Policy.SnpProduct.Milan));
        Assert.True(policy.AllowCxl);
        Assert.True(policy.RequireAliasCheckComplete);
        Assert.False(policy.AllowProvisionalFirmware);
    }
}
