namespace Governance.Api.Application.Contracts;

/// <summary>Looks up which of the secrets a contract names their owners have uploaded (names only), then lets the domain list the warnings.</summary>
internal sealed class ContractWarnings(ISecretStore secrets)
{
    public async Task<IReadOnlyList<ContractWarning>> OfAsync(ContractContent content, CancellationToken cancellationToken)
    {
        var owners = content.Secrets.Select(s => s.Owner).Concat(content.Datasets.Select(d => d.Owner)).Distinct(StringComparer.Ordinal);
        var uploaded = new HashSet<SecretRef>();
        foreach (var owner in owners)
        {
            foreach (var secret in await secrets.ListAsync(owner, cancellationToken))
            {
                uploaded.Add(new SecretRef(secret.Owner, secret.Name));
            }
        }

        return ContractRisks.Assess(content, uploaded.Contains);
    }
}
