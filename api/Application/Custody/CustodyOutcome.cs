namespace Governance.Api.Application.Custody;

/// <summary>
/// What every way of coming to hold the key ends with: the key in memory, the service signing keys opened (the first
/// ones made, inside the VM, on a new consortium), and a <c>service.unsealed</c> entry carrying fresh evidence that
/// binds this instance's identity, transit and signing keys, so anyone can later prove from the log alone that tree
/// heads and receipts were signed by keys an approved build held.
/// </summary>
internal sealed class CustodyOutcome(
    KeyCustody custody, IServiceSigningKeys signingKeys, AttestService attest, IUnitOfWork unitOfWork, IAuditLog audit)
{
    public async Task OpenAsync(string keyId, byte[] key, string how, JsonNode? source, CancellationToken cancellationToken)
    {
        custody.Open(keyId, key, how switch
        {
            "created" => "This instance made the key at start.",
            "sealed" => "Opened from this chip's seal for this build at start.",
            "replica" => "Received from a running instance of an approved build.",
            _ => "Recovered from the holders' shares.",
        });
        CryptographicOperations.ZeroMemory(key);
        foreach (var purpose in Enum.GetValues<ServiceKeyPurpose>())
        {
            await signingKeys.GetCurrentAsync(purpose, cancellationToken);
        }

        var evidence = await attest.AttestAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        await using var work = await unitOfWork.BeginAsync(cancellationToken);
        await audit.AppendAsync(AuditRecord.ServiceUnsealed(keyId, how, JsonSerializer.SerializeToNode(evidence, KeyRequests.Json)!.AsObject(), source), cancellationToken);
        await work.CommitAsync(cancellationToken);
    }
}
