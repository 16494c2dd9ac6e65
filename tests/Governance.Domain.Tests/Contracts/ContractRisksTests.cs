using Governance.Domain.Contracts;
using Governance.Domain.Secrets;
using Governance.Protocol.Contracts;

namespace Governance.Domain.Tests.Contracts;

public sealed class ContractRisksTests
{
    [Fact]
    public void A_contract_whose_secrets_are_all_uploaded_and_that_relaxes_nothing_earns_no_warning() =>
        Assert.Empty(ContractRisks.Assess(ContractSamples.Content("alice", "bob"), _ => true));

    [Fact]
    public void A_dataset_credential_not_uploaded_is_named_by_its_own_path()
    {
        var content = ContractSamples.Content("alice", "bob");
        content = content with { Datasets = [content.Datasets[0] with { CredentialSecret = "claims-credential" }] };
        var warnings = ContractRisks.Assess(content, secret => secret != new SecretRef("alice", "claims-credential"));
        var warning = Assert.Single(warnings);
        Assert.Equal(("dataset-key-not-uploaded", "datasets[0].credentialSecret"), (warning.Code, warning.Path));
    }

    [Fact]
    public void Each_relaxed_attestation_rule_is_warned_about_once()
    {
        var content = ContractSamples.Content("alice", "bob") with
        {
            AttestationPolicy = new AttestationPolicySpec { Measurements = [new string('a', 96)], AllowDebug = true, AllowMaskedChipId = true },
        };
        Assert.Equal(["debug-allowed", "masked-chip-id-allowed"], ContractRisks.Assess(content, _ => true).Select(w => w.Code));
    }

    [Fact]
    public void A_secret_is_uploaded_only_by_its_owner()
    {
        var warnings = ContractRisks.Assess(ContractSamples.Content("alice", "bob"), secret => secret.Owner == "alice");
        Assert.Equal(["secrets[0]"], warnings.Select(w => w.Path));
    }
}
