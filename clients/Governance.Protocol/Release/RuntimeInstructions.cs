namespace Governance.Protocol.Release;

/// <summary>
/// What the clean room's proxies must enforce, as the release receipt signs it (and the agent writes it as
/// <c>runtime.json</c>): the egress mode and policy the parties agreed, the consent switches at release, and where to
/// check consent and report events (paths on the service, signed with the wrapping key: <see cref="CleanRoomProof"/>).
/// </summary>
/// <param name="Egress"><c>secure</c>, <c>trusted</c> or <c>open</c>.</param>
/// <param name="EgressPolicy">The contract's egress policy (for <c>open</c>).</param>
/// <param name="Consent">The switches at release.</param>
/// <param name="ConsentCheck">The consent-check path, e.g. <c>/contracts/{id}/consent-check</c>.</param>
/// <param name="Events">The events path, e.g. <c>/contracts/{id}/events</c>.</param>
public sealed record RuntimeInstructions(string Egress, EgressPolicy? EgressPolicy, RuntimeConsent Consent, string ConsentCheck, string Events)
{
    public static string ConsentCheckPath(string contractId) => $"/contracts/{contractId}/consent-check";

    public static string EventsPath(string contractId) => $"/contracts/{contractId}/events";
}

/// <summary>The effective consent switches.</summary>
/// <param name="Execution">False while a party has paused execution.</param>
/// <param name="Logging">True only while every party allows logging.</param>
/// <param name="Telemetry">True only while every party allows telemetry.</param>
public sealed record RuntimeConsent(bool Execution, bool Logging, bool Telemetry);

/// <summary>The exact version of one secret a release sent.</summary>
/// <param name="Item">The secret as <see cref="ReleaseReceipt.Released"/> names such things: <c>secret:owner/name</c>.</param>
/// <param name="Version">Its version in the owner's store.</param>
public sealed record ReleasedVersion(string Item, int Version);
