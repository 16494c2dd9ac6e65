namespace Governance.Client;

/// <summary>The service's account of itself (<c>/service</c>): in confidential mode, fresh evidence of what it runs and which keys it holds.</summary>
public sealed class ServiceApi(GovernanceConnection connection, TimeProvider time)
{
    /// <summary>Whether the service holds its key-encryption key, and if not, why and what would give it (anonymous).</summary>
    public Task<ServiceStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<ServiceStatus>(HttpMethod.Get, "service/status", null, cancellationToken);

    /// <summary>The signed-in holder's recovery share, sealed to its recovery key (confidential mode).</summary>
    public Task<RecoveryShareResponse> GetOwnRecoveryShareAsync(CancellationToken cancellationToken = default) =>
        connection.SendAsync<RecoveryShareResponse>(HttpMethod.Get, "service/recovery/share", null, cancellationToken);

    /// <summary>
    /// Gives an instance awaiting its key the signed-in holder's share, as a compact JWE to that instance's attested
    /// transit key (see <see cref="TransitSealing"/>). 409 when the instance holds the key or is starting.
    /// </summary>
    public Task<RecoverySubmissionResponse> SubmitRecoveryShareAsync(string compactJwe, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(compactJwe);
        return connection.SendAsync<RecoverySubmissionResponse>(HttpMethod.Post, "service/recovery/shares", new SubmitRecoveryShareRequest { Share = compactJwe }, cancellationToken);
    }

    /// <summary>Fresh evidence bound to <paramref name="nonceHex"/> (16 to 64 random bytes in hex). 404 outside confidential mode.</summary>
    public Task<ServiceAttestation> GetAttestationAsync(string nonceHex, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ServiceAttestation>(HttpMethod.Get, "service/attestation?nonce=" + Uri.EscapeDataString(nonceHex), null, cancellationToken);

    /// <summary>Fetches fresh evidence over a random nonce and judges it against <paramref name="trust"/>.</summary>
    public async Task<(ServiceAttestation Served, ServiceCheckResult Result)> VerifyAsync(ServiceTrust trust, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var served = await GetAttestationAsync(nonce, cancellationToken);
        return (served, await ServiceAttestationCheck.CheckAsync(served, nonce, trust.Measurements, trust.ExtraRoots, time, cancellationToken));
    }

    /// <summary>
    /// Fails closed: the verified attestation when the service earns <paramref name="trust"/>, otherwise
    /// <see cref="ServiceNotTrustedException"/> naming every failed rule, including when the service has no attestation
    /// to give (it does not run in confidential mode).
    /// </summary>
    public async Task<ServiceAttestation> RequireTrustedAsync(ServiceTrust trust, CancellationToken cancellationToken = default)
    {
        ServiceAttestation served;
        ServiceCheckResult result;
        try
        {
            (served, result) = await VerifyAsync(trust, cancellationToken);
        }
        catch (Errors.GovernanceApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new ServiceNotTrustedException(new ServiceCheckResult(null, null,
                [new ServiceCheckFailure("evidence.absent", "the service does not run in confidential mode and has no attestation")]));
        }

        return result.Trusted ? served : throw new ServiceNotTrustedException(result);
    }
}
