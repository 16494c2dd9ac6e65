namespace Governance.Protocol.Secrets;

/// <summary>A new version of a secret; the value is standard base64 of at most 64 KiB of bytes.</summary>
public sealed record PutSecretRequest(string ValueBase64);
