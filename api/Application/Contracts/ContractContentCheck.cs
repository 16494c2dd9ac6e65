using Governance.Domain.Contracts;
using Governance.Persistence.Contracts;
using Governance.Protocol.Contracts;

namespace Governance.Api.Application.Contracts;

/// <summary>Reads the standing of the parties a content names, then lets the domain judge the content (422 with every problem).</summary>
internal sealed class ContractContentCheck(IContractParties parties)
{
    public async Task ValidateAsync(ContractContent? content, string proposer, CancellationToken cancellationToken)
    {
        var ids = content?.Parties?.Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var standings = await parties.StandingsAsync(ids, cancellationToken);
        ContractContentValidator.Validate(content, proposer, standings);
    }
}
