namespace Governance.Api.Application.Contracts;

/// <summary>
/// Reads the standing of the parties a content names, then lets the domain judge the content (422 with its problems, a bounded number listed).
/// A refused content is audited with what was wrong, whether or not the request's own transaction commits.
/// </summary>
internal sealed class ContractContentCheck(IContractParties parties, IContractRepository contracts, RefusalAudit refusals)
{
    /// <param name="draft">The draft being edited; null for a new contract. An amendment must keep the parties of the version it amends.</param>
    public async Task ValidateAsync(ContractContent? content, string proposer, Contract? draft, CancellationToken cancellationToken)
    {
        var contractId = draft?.Id;
        var amended = draft?.PreviousVersionId is { } previousId ? await contracts.FindAsync(previousId, cancellationToken) : null;
        // Too many parties is refused without looking them up, so a long list costs no query.
        var ids = content?.Parties is { Count: <= ContractContentLimits.MaxParties } named
            ? named.Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var standings = await parties.StandingsAsync(ids, cancellationToken);
        try
        {
            ContractContentValidator.Validate(content, proposer, standings, amended?.Parties);
        }
        catch (DomainException refused) when (refused.Kind == ErrorKind.Unprocessable)
        {
            var errors = refused.Extensions.GetValueOrDefault("errors") as IReadOnlyDictionary<string, string[]>
                ?? new Dictionary<string, string[]> { ["$"] = [refused.Message] };
            var omitted = refused.Extensions.GetValueOrDefault(DomainException.OmittedErrors) as int? ?? 0;
            await refusals.RecordAsync(AuditRecord.ContractContentRejected(proposer, contractId, errors, omitted), cancellationToken);
            throw;
        }
    }
}
