namespace Governance.Api.Service.Custody;

/// <summary>Where a confidential instance stands with the consortium's key-encryption key.</summary>
public enum CustodyState
{
    /// <summary>Start-up has not decided yet.</summary>
    Starting,

    /// <summary>The key is held in memory; the service works.</summary>
    Open,

    /// <summary>A request for the key waits for a running replica of an approved build; recovery shares are accepted meanwhile.</summary>
    AwaitingKey,

    /// <summary>This instance will not hold the key (its build is not approved, or the custody rules fail their seal).</summary>
    Refused,
}
