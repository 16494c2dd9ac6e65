namespace Governance.GuestEvidence;

/// <summary>Evidence made inside the clean room for one release binding, in the form the release request carries it.</summary>
/// <param name="Source">Which source produced it ("configfs-tsm", "sev-guest", "azure-cvm").</param>
public abstract record CleanRoomEvidence(string Source)
{
    /// <summary>
    /// Null when the evidence carries <paramref name="binding"/> where the service looks for it; otherwise why not.
    /// A source that answers with other data is not trusted with the release.
    /// </summary>
    public abstract string? BindingMismatch(ReadOnlySpan<byte> binding);

    /// <summary>The release request's <c>evidence</c> member.</summary>
    /// <param name="manifest">The launch manifest, for contracts with a custom runtime.</param>
    public abstract ReleaseEvidence ToReleaseEvidence(byte[]? manifest);

    protected static string? Base64OrNull(byte[]? bytes) => bytes is null or { Length: 0 } ? null : Convert.ToBase64String(bytes);
}
