namespace Governance.Domain.Contracts;

/// <summary>A registered public key of a party, as approval verification needs it.</summary>
/// <param name="PublicJwk">EC public JWK ({"crv","kty","x","y"}).</param>
public sealed record PartyKey(string KeyId, string PublicJwk, bool IsActive);

/// <summary>Whether a member id may be a party: it must name an active member with the member role.</summary>
public enum PartyStanding
{
    Active,
    Inactive,
    Unknown,
}
