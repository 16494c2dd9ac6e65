namespace Governance.Api.Application.Contracts;

/// <summary>
/// Reads the standing of the parties a content names, then lets the domain judge the content (422 with every problem).
/// A refused content is audited with what was wrong, whether or not the request's own transaction commits.
/// </summary>
internal sealed class ContractContentCheck(IContractParties parties, RefusalAudit refusals)
{
    /// <param name="contractId">The draft being edited; null for a new contract.</param>
    public async Task ValidateAsync(ContractContent? content, string proposer, Guid? contractId, CancellationToken cancellationToken)
    {
        var ids = content?.Parties?.Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var standings = await parties.StandingsAsync(ids, cancellationToken);
        try
        {
            ContractContentValidator.Validate(content, proposer, standings);
        }
        catch (DomainException refused) when (refused.Kind == ErrorKind.Unprocessable)
        {
            var errors = refused.Extensions.GetValueOrDefault("errors") as IReadOnlyDictionary<string, string[]>
                ?? new Dictionary<string, string[]> { ["$"] = [refused.Message] };
            await refusals.RecordAsync(AuditRecord.ContractContentRejected(proposer, contractId, errors), cancellationToken);
            throw;
        }
    }
}
