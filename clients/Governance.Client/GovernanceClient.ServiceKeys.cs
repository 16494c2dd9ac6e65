namespace Governance.Client;

public sealed partial class GovernanceClient
{
    /// <summary>The service's signing keys: list them, rotate them (operators).</summary>
    public ServiceKeysApi ServiceKeys => field ??= new ServiceKeysApi(Connection);

    /// <summary>The service's own attestation (confidential mode).</summary>
    public ServiceApi Service => field ??= new ServiceApi(Connection, TimeProvider.System);
}
