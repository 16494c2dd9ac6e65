namespace Governance.GuestEvidence;

/// <summary>
/// An Azure Attestation token for this VM. The hardware evidence it was issued for carried the binding (checked before
/// it was sent), and the provider signs the runtime data it was given; the service checks both again.
/// </summary>
public sealed record MaaTokenEvidence(string Token, string Source) : CleanRoomEvidence(Source)
{
    public override string? BindingMismatch(ReadOnlySpan<byte> binding) => null;

    public override ReleaseEvidence ToReleaseEvidence(byte[]? manifest) =>
        new(ReleaseEvidence.MaaToken, Token: Token, Manifest: Base64OrNull(manifest));
}
