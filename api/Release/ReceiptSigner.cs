using System.Text.Json;
using Governance.Persistence.Keys;
using Governance.Protocol.Release;
using Jose;

namespace Governance.Api.Release;

/// <summary>Signs release receipts (compact JWS, ES256) with the service's current receipt key; kid is its RFC 7638 thumbprint.</summary>
internal sealed class ReceiptSigner(IServiceSigningKeys keys)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<string> SignAsync(ReleaseReceipt receipt, CancellationToken cancellationToken)
    {
        var key = await keys.GetCurrentAsync(ServiceKeyPurpose.Receipts, cancellationToken);
        var headers = new Dictionary<string, object> { ["kid"] = key.KeyId, ["typ"] = ReleaseReceipt.Type };
        return JWT.Encode(JsonSerializer.Serialize(receipt, Json), key.PrivateKey, JwsAlgorithm.ES256, extraHeaders: headers);
    }
}
