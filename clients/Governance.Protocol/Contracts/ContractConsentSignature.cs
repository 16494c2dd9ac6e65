namespace Governance.Protocol.Contracts;

/// <summary>
/// A party's signed change of one consent switch: a <see cref="MemberSignature"/> over
/// <c>governance-contract-consent-v1:{contract id}:{switch}:{true|false}:{sequence}</c>, where the sequence is the
/// contract's consent sequence after the change (the view's <c>consent.sequence</c> + 1), so a signed change is used once.
/// </summary>
public static class ContractConsentSignature
{
    public const string PayloadPrefix = "governance-contract-consent-v1:";

    public static string Payload(Guid contractId, string switchName, bool enabled, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{PayloadPrefix}{contractId:D}:{switchName}:{(enabled ? "true" : "false")}:{sequence}");

    /// <summary>Signs the change with a member key; returns the detached compact JWS.</summary>
    public static string Sign(ECDsa key, string keyId, Guid contractId, string switchName, bool enabled, int sequence) =>
        MemberSignature.Sign(key, keyId, Payload(contractId, switchName, enabled, sequence));

    /// <summary>Checks <paramref name="jws"/> over the change with an EC public JWK.</summary>
    public static ApprovalSignatureCheck Verify(string jws, Guid contractId, string switchName, bool enabled, int sequence, string publicJwk) =>
        MemberSignature.Verify(jws, Payload(contractId, switchName, enabled, sequence), publicJwk, "this consent change");
}
