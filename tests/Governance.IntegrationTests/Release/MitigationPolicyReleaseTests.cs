using System.Net;
using System.Security.Cryptography;

namespace Governance.IntegrationTests.Release;

/// <summary>
/// The version 5 rules as a contract states them and the release endpoint applies them: required LAUNCH_MIT_VECTOR and
/// CURRENT_MIT_VECTOR bits, which the simulated Milan platform's version 3 reports do not carry.
/// </summary>
public sealed class MitigationPolicyReleaseTests(ReleaseFlowFactory factory) : IClassFixture<ReleaseFlowFactory>
{
    private static readonly byte[] Measurement = RandomNumberGenerator.GetBytes(48);
    private readonly ReleaseDriver driver = new(factory);

    [Theory]
    [InlineData("policy.launch_mitigations")]
    [InlineData("policy.current_mitigations")]
    public async Task A_report_without_mitigation_vectors_is_refused_naming_the_rule(string rule)
    {
        var setup = await driver.SeedAsync(Measurement, policy => rule == "policy.launch_mitigations"
            ? policy with { RequiredLaunchMitigations = 1 }
            : policy with { RequiredCurrentMitigations = 1 });
        using var vm = factory.NewVm(Measurement);

        var response = await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([rule], await ReleaseDriver.RefusedRulesAsync(response));
        Assert.Equal("0", await driver.ScalarAsync($"SELECT release_count FROM contracts WHERE id = '{setup.ContractId}'"));
    }

    [Fact]
    public async Task A_contract_that_requires_no_bits_releases_as_before()
    {
        var setup = await driver.SeedAsync(Measurement, policy => policy with { RequiredLaunchMitigations = 0 });
        using var vm = factory.NewVm(Measurement);

        var response = await driver.ReleaseAsync(vm.Request(setup.ContractId, await driver.ChallengeAsync()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
