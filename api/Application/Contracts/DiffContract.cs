namespace Governance.Api.Application.Contracts;

/// <summary>
/// How a contract's content differs from an earlier version of its amendment chain. The earlier version must be visible
/// to the caller too: a party an amendment added did not see what the earlier parties agreed among themselves.
/// </summary>
internal sealed class DiffContract(IContractRepository contracts, ContractQueries queries)
{
    public async Task<ContractDiffView> HandleAsync(Guid id, string? from, ContractCaller caller, CancellationToken cancellationToken)
    {
        var contract = await queries.FindVisibleAsync(id, caller, cancellationToken);
        var fromVersion = EarlierVersion(from, contract.Version);
        var earlierId = await contracts.FindChainVersionAsync(id, fromVersion, cancellationToken)
            ?? throw DomainException.BadParameter("from", $"Version {fromVersion} is not in this contract's chain.");
        var earlier = await queries.FindVisibleAsync(earlierId, caller, cancellationToken);
        var difference = ContractDifference.Between(earlier.Content, contract.Content);
        return new ContractDiffView(contract.Id, contract.Version, earlier.Id, earlier.Version, difference.Patch, difference.Changes);
    }

    private static int EarlierVersion(string? from, int version)
    {
        if (version == 1)
        {
            throw DomainException.BadParameter("from", "This is the original version; there is no earlier version to compare it with.");
        }

        if (string.IsNullOrEmpty(from))
        {
            return version - 1;
        }

        return int.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1 && parsed < version
            ? parsed
            : throw DomainException.BadParameter("from", $"'from' must be an earlier version of this contract, a number from 1 to {version - 1}.");
    }
}
