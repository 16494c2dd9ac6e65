namespace Governance.Api.Service.Custody;

/// <summary>
/// The consortium's key-encryption key as this confidential instance holds it: only in memory, only once start-up,
/// a replica or the share holders gave it. Until then every operation that needs it is refused with 503 naming why,
/// while the service's attestation, status and recovery keep answering.
/// </summary>
public sealed class KeyCustody(IOptions<ConfidentialOptions> options) : IKeyEncryptionKeySource, IDisposable
{
    private readonly Lock gate = new();
    private byte[]? key;
    private KeyEncryptionKeySet? keys;

    /// <summary>Whether the service runs in confidential mode; outside it this custody is unused and the operator configures the key.</summary>
    public bool Enabled { get; } = options.Value.Enabled;

    public CustodyState State { get; private set; } = CustodyState.Starting;

    /// <summary>Why the key is not held (or how it came), for <c>/service/status</c> and 503 answers.</summary>
    public string Reason { get; private set; } = "The service is starting.";

    /// <summary>This instance's build and chip, once start-up read its own report.</summary>
    public string? Measurement { get; private set; }

    public string? ChipId { get; private set; }

    /// <summary>The request this instance left for a running replica, while it waits.</summary>
    public Guid? PendingRequest { get; private set; }

    public KeyEncryptionKeySet Current => keys ?? throw Sealed();

    public string? KeyId => keys?.CurrentId;

    /// <summary>The key itself, for sealing it again (to this chip, to a replica, into shares); refused while not held.</summary>
    public byte[] RequireKey()
    {
        lock (gate)
        {
            return key is null ? throw Sealed() : (byte[])key.Clone();
        }
    }

    public void Identify(string measurement, string chipId)
    {
        Measurement = measurement;
        ChipId = chipId;
    }

    public void Open(string keyId, ReadOnlySpan<byte> value, string how)
    {
        lock (gate)
        {
            key = value.ToArray();
            keys = new KeyEncryptionKeySet(keyId, new Dictionary<string, byte[]>(StringComparer.Ordinal) { [keyId] = key });
            State = CustodyState.Open;
            Reason = how;
            PendingRequest = null;
        }
    }

    public void AwaitKey(Guid request, string reason)
    {
        lock (gate)
        {
            State = CustodyState.AwaitingKey;
            PendingRequest = request;
            Reason = reason;
        }
    }

    public void Refuse(string reason)
    {
        lock (gate)
        {
            if (State != CustodyState.Open)
            {
                State = CustodyState.Refused;
                Reason = reason;
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private DomainException Sealed() =>
        new(ErrorKind.Unavailable, "Service sealed", $"This instance does not hold the consortium's key-encryption key: {Reason} See GET /service/status.");
}
