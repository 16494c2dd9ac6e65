namespace Governance.GuestEvidence.Tpm;

/// <summary>Carries one TPM command to the TPM and brings back its whole response.</summary>
public interface ITpmTransport : IAsyncDisposable
{
    /// <summary>A short name for messages ("/dev/tpmrm0", "tcp:127.0.0.1:2321").</summary>
    string Name { get; }

    /// <summary>The response to <paramref name="command"/>, at most <c>8192</c> bytes; its header is checked by the caller.</summary>
    /// <exception cref="TpmException">The TPM could not be reached or answered with a broken frame.</exception>
    Task<byte[]> ExecuteAsync(byte[] command, CancellationToken cancellationToken);
}
