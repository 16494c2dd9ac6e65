namespace Governance.Api.Service.Custody;

/// <summary>How replicas' requests for the key-encryption key are written: the request id is the nonce of both attestations.</summary>
internal static class KeyRequests
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The nonce a request's attestations answer: its id's 16 bytes in hex.</summary>
    public static string Nonce(Guid requestId) => requestId.ToString("N");
}
