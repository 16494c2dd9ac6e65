namespace Governance.Protocol.Contracts;

/// <summary>
/// Something in a valid contract its parties should look at before they approve: a relaxed attestation rule, or a
/// secret the contract names that its owner has not uploaded yet (the release would fail until they do).
/// </summary>
/// <param name="Code">Stable name of the warning, e.g. <c>debug-allowed</c> or <c>secret-not-uploaded</c>.</param>
/// <param name="Path">Where in the content, as a JSON path: <c>attestationPolicy.allowDebug</c>, <c>secrets[0]</c>.</param>
/// <param name="Message">What it means, in words.</param>
public sealed record ContractWarning(string Code, string Path, string Message);
