namespace Governance.Domain.Contracts;

/// <summary>
/// The warnings a valid contract earns: rules it relaxes that weaken what attestation proves, and secrets or dataset
/// keys it names that their owners have not uploaded. None of them refuses the contract; each is for its parties to weigh.
/// </summary>
public static class ContractRisks
{
    public static IReadOnlyList<ContractWarning> Assess(ContractContent content, Func<SecretRef, bool> isUploaded)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(isUploaded);
        var warnings = new List<ContractWarning>();
        var policy = content.AttestationPolicy;
        if (policy.AllowDebug)
        {
            warnings.Add(new("debug-allowed", "attestationPolicy.allowDebug",
                "A clean room whose guest policy allows debugging may receive the values; its host can read the guest's memory."));
        }

        if (policy.AllowMigrationAgent)
        {
            warnings.Add(new("migration-agent-allowed", "attestationPolicy.allowMigrationAgent",
                "A clean room with a migration agent may receive the values; the agent can move the guest and its memory to another host."));
        }

        if (policy.AllowMaskedChipId)
        {
            warnings.Add(new("masked-chip-id-allowed", "attestationPolicy.allowMaskedChipId",
                "Evidence with a masked chip id is accepted, so it does not say which processor produced it."));
        }

        for (var i = 0; i < content.Secrets.Count; i++)
        {
            var secret = content.Secrets[i];
            if (!isUploaded(new SecretRef(secret.Owner, secret.Name)))
            {
                warnings.Add(new("secret-not-uploaded", $"secrets[{i}]",
                    $"{secret.Owner} has not uploaded the secret '{secret.Name}'; a release fails until they do."));
            }
        }

        for (var i = 0; i < content.Datasets.Count; i++)
        {
            var dataset = content.Datasets[i];
            if (!isUploaded(new SecretRef(dataset.Owner, dataset.KeySecret)))
            {
                warnings.Add(new("dataset-key-not-uploaded", $"datasets[{i}].keySecret",
                    $"{dataset.Owner} has not uploaded '{dataset.KeySecret}', the key of dataset '{dataset.Name}'; a release fails until they do."));
            }

            if (dataset.CredentialSecret is { } credential && !isUploaded(new SecretRef(dataset.Owner, credential)))
            {
                warnings.Add(new("dataset-key-not-uploaded", $"datasets[{i}].credentialSecret",
                    $"{dataset.Owner} has not uploaded '{credential}', the credential of dataset '{dataset.Name}'; a release fails until they do."));
            }
        }

        return warnings;
    }
}
