namespace Governance.Domain.Contracts;

/// <summary>Stored lifecycle states. Expiry is not stored: see <see cref="Contract.EffectiveState"/>.</summary>
public enum ContractState
{
    Draft,
    Proposed,
    Accepted,
    Rejected,
    Withdrawn,
    Revoked,
    Superseded,
    Expired,
}
