using System.Security.Cryptography;
using System.Text.Json;
using Governance.Agent;
using Governance.Client;
using Governance.Protocol.Audit;
using Governance.Protocol.Release;
using Jose;

namespace Governance.IntegrationTests.Agent;

/// <summary>The agent's check of a receipt, alone: each way a receipt can fail to match the response is named.</summary>
public sealed class ReleaseReceiptCheckTests : IDisposable
{
    private const string Contract = "0b6f5c9e-8e0c-4f4e-9d7e-3c1c2f0a9b11";
    private const string Thumbprint = "xnXqxIYNC9y6t3Aczn1jkP5jdUL7xf8CS4fO3ATCvHA";

    private static readonly ReleaseResponse Response = new(
        [new ReleasedSecret("alice", "model", "jwe")], [new ReleasedDataset("bob", "sales", "https://storage.example/s", "parquet", null, "jwe", null)], "");

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private ServiceJwkSet Keys => new([ServiceJwk.FromPublicKey(key, DateTimeOffset.UtcNow)]);

    public void Dispose() => key.Dispose();

    [Fact]
    public void A_receipt_signed_for_this_contract_key_and_values_is_accepted()
    {
        var receipt = ReleaseReceiptCheck.Verify(Sign(Receipt()), Keys, Contract, Thumbprint, Response);
        Assert.Equal(Contract, receipt.ContractId);
    }

    [Fact]
    public void Another_contract_another_wrapping_key_or_other_values_are_refused()
    {
        Assert.Contains("not '", Refusal(Sign(Receipt() with { ContractId = Guid.NewGuid().ToString("D") })), StringComparison.Ordinal);
        Assert.Contains("another wrapping key", Refusal(Sign(Receipt() with { WrappingKeyThumbprint = new string('A', 43) })), StringComparison.Ordinal);
        Assert.Contains("but the receipt names", Refusal(Sign(Receipt() with { Released = ["secret:alice/model"] })), StringComparison.Ordinal);
    }

    [Fact]
    public void A_forged_signature_or_another_algorithm_is_refused()
    {
        var signed = Sign(Receipt());
        var parts = signed.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{Governance.Protocol.Audit.Base64Url.Encode(RandomNumberGenerator.GetBytes(64))}";
        Assert.Contains("does not verify", Refusal(forged), StringComparison.Ordinal);

        using var hmacKey = new HMACSHA256();
        var hmac = JWT.Encode(JsonSerializer.Serialize(Receipt(), GovernanceJson.Options), hmacKey.Key, JwsAlgorithm.HS256,
            new Dictionary<string, object> { ["kid"] = Keys.Keys[0].Kid });
        Assert.Contains("not signed ES256", Refusal(hmac), StringComparison.Ordinal);
        Assert.Contains("not a compact JWS", Refusal("not-a-jws"), StringComparison.Ordinal);
    }

    private static ReleaseReceipt Receipt() =>
        new(Contract, new string('c', 64), new string('d', 64), Thumbprint, ["secret:alice/model", "dataset:bob/sales"], DateTimeOffset.UtcNow);

    private string Sign(ReleaseReceipt receipt) =>
        JWT.Encode(JsonSerializer.Serialize(receipt, GovernanceJson.Options), key, JwsAlgorithm.ES256,
            new Dictionary<string, object> { ["kid"] = Keys.Keys[0].Kid });

    private string Refusal(string jws) =>
        Assert.Throws<ReceiptRejectedException>(() => ReleaseReceiptCheck.Verify(jws, Keys, Contract, Thumbprint, Response)).Message;
}
