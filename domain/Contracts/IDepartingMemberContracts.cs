namespace Governance.Domain.Contracts;

/// <summary>Finds the contracts that a member's loss of standing may end (see <see cref="Contract.EndBecausePartyLostStanding"/>).</summary>
public interface IDepartingMemberContracts
{
    /// <summary>
    /// Takes the row lock of every draft, proposed or accepted contract the member is party to or proposed, for the
    /// caller's unit of work, and loads them for change, ordered by id: a concurrent approval or release waits and then
    /// sees the end.
    /// </summary>
    Task<IReadOnlyList<Contract>> LockLiveContractsOfAsync(string memberId, CancellationToken cancellationToken);
}
