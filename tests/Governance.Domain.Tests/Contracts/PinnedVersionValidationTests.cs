using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

/// <summary>Pinned secret versions as contract validation checks them, and how the digest treats a contract without them.</summary>
public sealed class PinnedVersionValidationTests
{
    private static readonly Dictionary<string, PartyStanding> Standings = new() { ["alice"] = PartyStanding.Active };

    private static IReadOnlyDictionary<string, string[]> Errors(ContractContent content)
    {
        var error = Assert.Throws<DomainException>(() => ContractContentValidator.Validate(content, "alice", Standings));
        return (IReadOnlyDictionary<string, string[]>)error.Extensions["errors"]!;
    }

    [Fact]
    public void Versions_are_one_or_more_and_one_secret_has_one_version()
    {
        var content = ContractSamples.Content("alice");
        ContractContentValidator.Validate(content with { Secrets = [content.Secrets[0] with { Version = 3 }] }, "alice", Standings);

        Assert.Contains("secrets[0].version", Errors(content with { Secrets = [content.Secrets[0] with { Version = 0 }] }).Keys);
        Assert.Contains("datasets[0].credentialSecretVersion", Errors(content with { Datasets = [content.Datasets[0] with { CredentialSecretVersion = 2 }] }).Keys);
        var twice = content with
        {
            Secrets = [new SecretSpec { Owner = "alice", Name = "claims-key", Version = 1 }],
            Datasets = [content.Datasets[0] with { KeySecretVersion = 2 }],
        };
        Assert.Contains("secrets", Errors(twice).Keys);
    }

    [Fact]
    public void A_contract_that_pins_nothing_keeps_its_digest()
    {
        var content = ContractSamples.Content("alice");
        var json = System.Text.Json.JsonSerializer.Serialize(content, ContractJson.Options);
        Assert.DoesNotContain("version", json, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(ContractDigest.Compute(content), ContractDigest.Compute(content with { Secrets = [content.Secrets[0] with { Version = 1 }] }));
    }
}
