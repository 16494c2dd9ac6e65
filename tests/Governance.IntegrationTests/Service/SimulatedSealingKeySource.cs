using System.Security.Cryptography;
using Governance.GuestEvidence;

namespace Governance.IntegrationTests.Service;

/// <summary>
/// What the firmware's MSG_KEY_REQ gives a guest, simulated: a key derived from a secret of this chip alone and the
/// guest's measurement, so the same build on the same chip always gets the same key and anything else gets another.
/// </summary>
public sealed class SimulatedSealingKeySource(byte[] measurement) : ISealingKeySource
{
    private readonly byte[] chipSecret = RandomNumberGenerator.GetBytes(32);

    public string Name => "simulated";

    public Task<byte[]> GetSealingKeyAsync(CancellationToken cancellationToken) =>
        Task.FromResult(HKDF.DeriveKey(HashAlgorithmName.SHA384, chipSecret, 32, salt: measurement, info: "simulated-msg-key-req"u8.ToArray()));
}
