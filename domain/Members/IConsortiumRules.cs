namespace Governance.Domain.Members;

/// <summary>Reads the consortium's rules (set at genesis; the quorum may change by proposal).</summary>
public interface IConsortiumRules
{
    /// <summary>Null before genesis.</summary>
    Task<ConsortiumSettings?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether members signed in through an external OpenID Connect issuer may approve without a member signature.</summary>
    Task<bool> AllowUnsignedApprovalsForExternalIdentitiesAsync(CancellationToken cancellationToken = default);
}

public sealed record ConsortiumSettings(string Name, ConsortiumRules Rules, DateTimeOffset CreatedAt)
{
    /// <summary>Approved service builds and the recovery policy, as the rows say (an instance holding the key checks their seal).</summary>
    public Custody.ServiceCustodyRules Custody { get; init; } = Governance.Domain.Custody.ServiceCustodyRules.None;
}
