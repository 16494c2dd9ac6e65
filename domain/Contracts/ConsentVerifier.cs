namespace Governance.Domain.Contracts;

/// <summary>
/// Decides whether a consent change is the party's own: allowed now on this contract, and signed by one of the party's
/// active keys over <see cref="ContractConsentSignature.Payload"/>. A consent change is always signed, whatever the
/// consortium allows for approvals, because it is what lets a party's pause stand against everyone else.
/// </summary>
public static class ConsentVerifier
{
    public static ApprovalEvidence Verify(
        Contract contract, string memberId, ConsentSwitch consentSwitch, bool enabled, int sequence, string? signature, IReadOnlyList<PartyKey> memberKeys)
    {
        ArgumentNullException.ThrowIfNull(contract);
        contract.CheckConsentChange(memberId, consentSwitch, enabled, sequence);
        if (string.IsNullOrWhiteSpace(signature))
        {
            throw new DomainException(ErrorKind.Unprocessable, ApprovalVerifier.InvalidSignatureTitle,
                "A signature is required: sign the change with `governance contracts consent` or ContractConsentSignature and send it as 'signature'.");
        }

        return ApprovalVerifier.VerifyMemberSignature(memberId, signature, memberKeys,
            (jws, jwk) => ContractConsentSignature.Verify(jws, contract.Id, consentSwitch.ToWire(), enabled, sequence, jwk));
    }
}
