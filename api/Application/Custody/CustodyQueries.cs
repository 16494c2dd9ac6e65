namespace Governance.Api.Application.Custody;

/// <summary>What anyone may read of the service's custody of its key, and what a share holder may read of its own share.</summary>
internal sealed class CustodyQueries(KeyCustody custody, RecoverySubmissions submissions, IServiceCustodyRepository store, IConsortiumRules consortium)
{
    public async Task<ServiceStatus> StatusAsync(CancellationToken cancellationToken)
    {
        if (!custody.Enabled)
        {
            return new ServiceStatus("standard", "open", "The operator configures the key-encryption key (Secrets:KeyEncryptionKeys).", null, null, null, null);
        }

        var rules = (await consortium.GetAsync(cancellationToken))?.Custody ?? ServiceCustodyRules.None;
        var record = await store.LoadAsync(cancellationToken);
        var shares = record is null ? [] : await store.LoadSharesAsync(record.KeyId, cancellationToken);
        var recovery = shares.Count == 0 ? null : new ServiceRecoveryStatus(shares[0].Threshold, [.. shares.Select(s => s.MemberId)], submissions.Count);
        return new ServiceStatus("confidential", StateName(custody.State), custody.Reason, custody.Measurement, record?.KeyId, [.. rules.Measurements], recovery);
    }

    public async Task<RecoveryShareResponse> OwnShareAsync(string memberId, CancellationToken cancellationToken)
    {
        var share = await store.FindShareAsync(memberId, cancellationToken)
            ?? throw DomainException.NotFound("recovery share", memberId);
        return new RecoveryShareResponse(share.KeyId, share.RecoveryKeyId, share.Threshold, share.EncryptedShare, share.CreatedAt);
    }

    private static string StateName(CustodyState state) => state switch
    {
        CustodyState.Open => "open",
        CustodyState.AwaitingKey => "awaiting-key",
        CustodyState.Refused => "refused",
        _ => "starting",
    };
}
