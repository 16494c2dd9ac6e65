namespace Governance.Client;

/// <summary>Attested key release (<c>/release</c>): what a clean room VM calls. No member token is needed.</summary>
public sealed class ReleaseApi(GovernanceConnection connection)
{
    /// <summary>A fresh single-use nonce to bind into the evidence of the next release request.</summary>
    public Task<ReleaseChallenge> CreateChallengeAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<ReleaseChallenge>(HttpMethod.Post, "release/challenges", null, cancellationToken);

    /// <summary>
    /// Asks for the contract's secrets. A refusal throws <see cref="Errors.GovernanceForbiddenException"/>;
    /// <see cref="RefusalsOf"/> reads the failed rules from it.
    /// </summary>
    public Task<ReleaseResponse> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ReleaseResponse>(HttpMethod.Post, "release", request, cancellationToken);

    /// <summary>
    /// The released clean room's consent check: <paramref name="request"/> carries a proof by the wrapping key the release
    /// bound (<see cref="CleanRoomProof"/>); the answer is a <see cref="ConsentStatement"/> signed by the service receipt key.
    /// </summary>
    public Task<ConsentCheckResponse> CheckConsentAsync(string contractId, CleanRoomRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ConsentCheckResponse>(HttpMethod.Post, $"contracts/{Uri.EscapeDataString(contractId)}/consent-check", request, cancellationToken);

    /// <summary>Reports one event of the released clean room (<see cref="CleanRoomEvent"/>) to the audit log.</summary>
    public Task<CleanRoomEventReceipt> ReportEventAsync(string contractId, CleanRoomRequest request, CancellationToken cancellationToken = default) =>
        connection.SendAsync<CleanRoomEventReceipt>(HttpMethod.Post, $"contracts/{Uri.EscapeDataString(contractId)}/events", request, cancellationToken);

    /// <summary>The failed rules a 403 from <see cref="ReleaseAsync"/> names (empty when none are listed).</summary>
    public static IReadOnlyList<ReleaseRefusal> RefusalsOf(Errors.GovernanceApiException exception) =>
        exception?.GetExtension<List<ReleaseRefusal>>("failures") ?? [];
}
