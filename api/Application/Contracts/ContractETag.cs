
namespace Governance.Api.Application.Contracts;

/// <summary>The contract's entity tag (its revision and release count: the view changes with either) and the If-Match check that keeps concurrent edits from overwriting each other.</summary>
internal static class ContractETag
{
    public static string Of(Contract contract) => $"\"r{contract.Revision}.{contract.ReleaseCount}\"";

    /// <summary>Refuses (412) unless <paramref name="ifMatch"/> names the contract's current tag, or <c>*</c>.</summary>
    public static void RequireMatch(Contract contract, string ifMatch)
    {
        var tags = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!tags.Contains(Of(contract), StringComparer.Ordinal) && !tags.Contains("*"))
        {
            throw DomainException.PreconditionFailed(
                $"The contract changed since you read it (now {Of(contract)}); reload it and apply your change again.");
        }
    }
}
