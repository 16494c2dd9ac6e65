using Governance.Client.Http;
using Governance.Protocol.Service;

namespace Governance.Client;

/// <summary>The service's account of itself (<c>/service</c>): in confidential mode, fresh evidence of what it runs and which keys it holds.</summary>
public sealed class ServiceApi(GovernanceConnection connection)
{
    /// <summary>Fresh evidence bound to <paramref name="nonceHex"/> (16 to 64 random bytes in hex). 404 outside confidential mode.</summary>
    public Task<ServiceAttestation> GetAttestationAsync(string nonceHex, CancellationToken cancellationToken = default) =>
        connection.SendAsync<ServiceAttestation>(HttpMethod.Get, "service/attestation?nonce=" + Uri.EscapeDataString(nonceHex), null, cancellationToken);
}
