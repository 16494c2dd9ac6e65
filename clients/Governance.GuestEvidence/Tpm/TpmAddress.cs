namespace Governance.GuestEvidence.Tpm;

/// <summary>
/// Where the TPM is: a character device (<c>/dev/tpmrm0</c>, the kernel's resource manager, on Azure) or
/// <c>tcp:ADDRESS:PORT</c>, a software TPM's command port (swtpm), named by IP address.
/// </summary>
public sealed record TpmAddress
{
    private const string TcpPrefix = "tcp:";

    private TpmAddress(string text, IPEndPoint? endpoint)
    {
        Text = text;
        Endpoint = endpoint;
    }

    public string Text { get; }

    /// <summary>The software TPM's command port; null for a device.</summary>
    public IPEndPoint? Endpoint { get; }

    /// <exception cref="FormatException">A <c>tcp:</c> address that is not IP:PORT.</exception>
    public static TpmAddress Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!text.StartsWith(TcpPrefix, StringComparison.Ordinal))
        {
            return new TpmAddress(text, null);
        }

        return IPEndPoint.TryParse(text[TcpPrefix.Length..], out var endpoint) && endpoint.Port != 0
            ? new TpmAddress(text, endpoint)
            : throw new FormatException($"--tpm '{text}' is not tcp:ADDRESS:PORT (an IP address and a port, e.g. tcp:127.0.0.1:2321).");
    }

    /// <exception cref="TpmException">The device cannot be opened or the port does not answer.</exception>
    public async Task<ITpmTransport> OpenAsync(CancellationToken cancellationToken) =>
        Endpoint is null ? TpmDeviceTransport.Open(Text) : await TpmStreamTransport.ConnectAsync(Endpoint, cancellationToken);

    public override string ToString() => Text;
}
