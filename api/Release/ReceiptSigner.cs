using Jose;

namespace Governance.Api.Release;

/// <summary>
/// Signs what the service tells a clean room (compact JWS, ES256) with the service's current receipt key; kid is its RFC
/// 7638 thumbprint and typ says what the payload is: release receipts and consent statements.
/// </summary>
internal sealed class ReceiptSigner(IServiceSigningKeys keys)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<string> SignAsync(ReleaseReceipt receipt, CancellationToken cancellationToken) =>
        SignAsync(receipt, ReleaseReceipt.Type, cancellationToken);

    public Task<string> SignAsync(ConsentStatement statement, CancellationToken cancellationToken) =>
        SignAsync(statement, ConsentStatement.Type, cancellationToken);

    private async Task<string> SignAsync<T>(T payload, string type, CancellationToken cancellationToken)
    {
        var key = await keys.GetCurrentAsync(ServiceKeyPurpose.Receipts, cancellationToken);
        var headers = new Dictionary<string, object> { ["kid"] = key.KeyId, ["typ"] = type };
        return JWT.Encode(JsonSerializer.Serialize(payload, Json), key.PrivateKey, JwsAlgorithm.ES256, extraHeaders: headers);
    }
}
