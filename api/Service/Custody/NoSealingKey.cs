using Governance.GuestEvidence;

namespace Governance.Api.Service.Custody;

/// <summary><c>Governance:Confidential:SealingKey = None</c>: the key is never sealed to a chip.</summary>
internal sealed class NoSealingKey : ISealingKeySource
{
    public string Name => "none";

    public Task<byte[]> GetSealingKeyAsync(CancellationToken cancellationToken) =>
        throw new EvidenceUnavailableException("No sealing key is configured (Governance:Confidential:SealingKey is None).");
}
