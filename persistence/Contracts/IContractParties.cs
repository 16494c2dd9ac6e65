
namespace Governance.Persistence.Contracts;

/// <summary>What contracts need to know about members: who may be a party, with which keys, and the consortium's approval rule.</summary>
public interface IContractParties
{
    /// <summary>The standing of each id; ids that name no member, or a member without the member role, are <see cref="PartyStanding.Unknown"/>.</summary>
    Task<IReadOnlyDictionary<string, PartyStanding>> StandingsAsync(IEnumerable<string> memberIds, CancellationToken cancellationToken = default);

    /// <summary>Every key the member ever registered, removed ones marked inactive.</summary>
    Task<IReadOnlyList<PartyKey>> KeysAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Whether members signed in through an external issuer may approve without a signature.</summary>
    Task<bool> AllowUnsignedApprovalsForExternalIdentitiesAsync(CancellationToken cancellationToken = default);
}
