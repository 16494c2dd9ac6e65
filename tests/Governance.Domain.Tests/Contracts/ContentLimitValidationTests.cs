using Governance.Domain.Contracts;
using Governance.Domain.Errors;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

/// <summary>Lists over their ceiling, and refusals that would list more faults than a refusal carries.</summary>
public sealed class ContentLimitValidationTests
{
    private static readonly Dictionary<string, PartyStanding> Standings = new() { ["alice"] = PartyStanding.Active };

    private static DomainException Refusal(ContractContent content) =>
        Assert.Throws<DomainException>(() => ContractContentValidator.Validate(content, "alice", Standings));

    private static IReadOnlyDictionary<string, string[]> Errors(DomainException refusal) =>
        (IReadOnlyDictionary<string, string[]>)refusal.Extensions["errors"]!;

    [Fact]
    public void A_list_over_its_ceiling_is_one_fault_whatever_its_entries()
    {
        var content = ContractSamples.Content("alice");
        content = content with { AttestationPolicy = content.AttestationPolicy with { Measurements = [.. Enumerable.Repeat("x", 255_000)] } };

        var refusal = Refusal(content);

        var errors = Errors(refusal);
        Assert.Equal(["attestationPolicy.measurements"], errors.Keys);
        Assert.Equal([$"At most {ContractContentLimits.MaxPolicyValues} entries; 255000 given."], errors["attestationPolicy.measurements"]);
        Assert.False(refusal.Extensions.ContainsKey(DomainException.OmittedErrors));
    }

    [Fact]
    public void A_list_at_its_ceiling_is_looked_at_entry_by_entry()
    {
        var content = ContractSamples.Content("alice");
        var values = Enumerable.Range(0, ContractContentLimits.MaxPolicyValues).Select(i => i.ToString("x96", System.Globalization.CultureInfo.InvariantCulture));
        content = content with { AttestationPolicy = content.AttestationPolicy with { HostData = [.. values] } };

        Assert.True(Errors(Refusal(content)).ContainsKey("attestationPolicy.hostData[0]"));
    }

    [Fact]
    public void Each_list_has_a_ceiling()
    {
        var content = ContractSamples.Content("alice");
        var dataset = content.Datasets[0];
        var secret = content.Secrets[0];
        var policy = content.AttestationPolicy;
        var over = new Dictionary<string, ContractContent>
        {
            ["parties"] = content with { Parties = [.. Enumerable.Repeat("alice", ContractContentLimits.MaxParties + 1)] },
            ["datasets"] = content with { Datasets = [.. Enumerable.Repeat(dataset, ContractContentLimits.MaxDatasets + 1)] },
            ["secrets"] = content with { Secrets = [.. Enumerable.Repeat(secret, ContractContentLimits.MaxSecrets + 1)] },
            ["attestationPolicy.idKeyDigests"] = content with { AttestationPolicy = policy with { IdKeyDigests = [.. Enumerable.Repeat("x", ContractContentLimits.MaxPolicyValues + 1)] } },
            ["attestationPolicy.authorKeyDigests"] = content with { AttestationPolicy = policy with { AuthorKeyDigests = [.. Enumerable.Repeat("x", ContractContentLimits.MaxPolicyValues + 1)] } },
            ["attestationPolicy.products"] = content with { AttestationPolicy = policy with { Products = [.. Enumerable.Repeat(SnpProductName.Milan, ContractContentLimits.MaxProducts + 1)] } },
            ["attestationPolicy.trustedAttestationProviders"] = content with
            {
                AttestationPolicy = policy with { TrustedAttestationProviders = [.. Enumerable.Repeat("x", ContractContentLimits.MaxTrustedAttestationProviders + 1)] },
            },
            ["cleanRoom.egressPolicy.allowedFormats"] = content with
            {
                CleanRoom = content.CleanRoom with
                {
                    Egress = EgressMode.Open,
                    EgressPolicy = new EgressPolicy { AllowedFormats = [.. Enumerable.Repeat(new AllowedOutputFormat { Format = "onnx" }, ContractContentLimits.MaxAllowedFormats + 1)] },
                },
            },
            ["cleanRoom.egressPolicy.allowedFormats[0].allowedOperators"] = content with
            {
                CleanRoom = content.CleanRoom with
                {
                    Egress = EgressMode.Open,
                    EgressPolicy = new EgressPolicy
                    {
                        AllowedFormats = [new AllowedOutputFormat { Format = "onnx", AllowedOperators = [.. Enumerable.Repeat("", ContractContentLimits.MaxAllowedOperators + 1)] }],
                    },
                },
            },
        };

        foreach (var (path, oversized) in over)
        {
            var errors = Errors(Refusal(oversized));
            Assert.True(errors.TryGetValue(path, out var messages), $"{path}: {string.Join("; ", errors.Keys)}");
            Assert.StartsWith("At most ", Assert.Single(messages!), StringComparison.Ordinal);
            Assert.DoesNotContain(errors.Keys, k => k.StartsWith(path + "[", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_refusal_lists_a_bounded_number_of_faults_and_counts_the_rest()
    {
        var content = ContractSamples.Content("alice");
        var values = Enumerable.Range(0, ContractContentLimits.MaxPolicyValues).Select(i => i.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        content = content with { AttestationPolicy = content.AttestationPolicy with { Measurements = values, HostData = values } };

        var refusal = Refusal(content);

        Assert.Equal(ContractContentLimits.MaxReportedViolations, Errors(refusal).Values.Sum(m => m.Length));
        var omitted = (int)refusal.Extensions[DomainException.OmittedErrors]!;
        Assert.Equal((2 * ContractContentLimits.MaxPolicyValues) - ContractContentLimits.MaxReportedViolations, omitted);
        Assert.Contains($"breaks {2 * ContractContentLimits.MaxPolicyValues} rule(s)", refusal.Message, StringComparison.Ordinal);
        Assert.Contains($"and {omitted} more", refusal.Message, StringComparison.Ordinal);
    }
}
