using Governance.GuestEvidence;

namespace Governance.Api.Hosting.Development;

/// <summary>
/// What the firmware's MSG_KEY_REQ gives a guest, simulated: a key derived from a secret of this chip alone and the
/// guest's measurement, so the same build on the same chip always gets the same key and anything else gets another.
/// </summary>
public sealed class SimulatedSealingKeySource : ISealingKeySource
{
    private readonly byte[] chipSecret;
    private readonly byte[] measurement;

    /// <param name="chipSecret">The simulated chip's own secret (the firmware's VCEK-derived root in real hardware).</param>
    /// <param name="measurement">The launch measurement of the guest asking.</param>
    public SimulatedSealingKeySource(byte[] chipSecret, byte[] measurement)
    {
        ArgumentNullException.ThrowIfNull(chipSecret);
        ArgumentNullException.ThrowIfNull(measurement);
        this.chipSecret = (byte[])chipSecret.Clone();
        this.measurement = (byte[])measurement.Clone();
    }

    public string Name => "simulated";

    public Task<byte[]> GetSealingKeyAsync(CancellationToken cancellationToken) =>
        Task.FromResult(HKDF.DeriveKey(HashAlgorithmName.SHA384, chipSecret, 32, salt: measurement, info: "simulated-msg-key-req"u8.ToArray()));
}
