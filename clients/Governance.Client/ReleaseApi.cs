using Governance.Client.Http;
using Governance.Protocol.Release;

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

    /// <summary>The failed rules a 403 from <see cref="ReleaseAsync"/> names (empty when none are listed).</summary>
    public static IReadOnlyList<ReleaseRefusal> RefusalsOf(Errors.GovernanceApiException exception) =>
        exception?.GetExtension<List<ReleaseRefusal>>("failures") ?? [];
}
