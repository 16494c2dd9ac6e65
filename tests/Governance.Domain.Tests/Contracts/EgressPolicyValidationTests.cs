using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

/// <summary>The egress policy's optional size limit, and what it does to a contract's digest.</summary>
public sealed class EgressPolicyValidationTests
{
    private static readonly Dictionary<string, PartyStanding> Standings = new() { ["alice"] = PartyStanding.Active };

    private static ContractContent Open(long? maxBytes)
    {
        var content = ContractSamples.Content("alice");
        return content with
        {
            CleanRoom = content.CleanRoom with
            {
                Egress = EgressMode.Open,
                EgressPolicy = new EgressPolicy { AllowedFormats = [new AllowedOutputFormat { Format = "onnx", AllowedOperators = ["Relu"], MaxBytes = maxBytes }] },
            },
        };
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(2_147_483_648L)]
    [InlineData(long.MaxValue)]
    public void A_max_bytes_outside_1_to_2_GiB_is_refused(long maxBytes)
    {
        var error = Assert.Throws<DomainException>(() => ContractContentValidator.Validate(Open(maxBytes), "alice", Standings));

        var errors = (IReadOnlyDictionary<string, string[]>)error.Extensions["errors"]!;
        Assert.Equal(["Must be 1 to 2147483647 when given."], errors["cleanRoom.egressPolicy.allowedFormats[0].maxBytes"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1L)]
    [InlineData(2_147_483_647L)]
    public void A_max_bytes_within_bounds_or_absent_is_accepted(long? maxBytes)
    {
        ContractContentValidator.Validate(Open(maxBytes), "alice", Standings);
    }

    [Fact]
    public void An_absent_max_bytes_leaves_the_canonical_json_and_so_the_digest_as_before()
    {
        var without = Open(null);

        var json = System.Text.Json.JsonSerializer.Serialize(without, ContractJson.Options);

        Assert.DoesNotContain("maxBytes", json, StringComparison.Ordinal);
        Assert.Contains("\"allowedOperators\":[\"Relu\"]}", json, StringComparison.Ordinal);
        Assert.NotEqual(ContractDigest.Compute(without), ContractDigest.Compute(Open(1000)));
    }
}
