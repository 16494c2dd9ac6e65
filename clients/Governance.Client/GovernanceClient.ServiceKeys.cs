namespace Governance.Client;

public sealed partial class GovernanceClient
{
    /// <summary>The service's signing keys: list them, rotate them (operators).</summary>
    public ServiceKeysApi ServiceKeys => field ??= new ServiceKeysApi(Connection);
}
