namespace Governance.Api.Application.Secrets;

/// <summary>
/// Operators move every stored key under the current key-encryption key. Each batch of data keys, and then the service
/// signing keys, commits in its own transaction together with the <c>secrets.rewrapped</c> entry that records it, so the
/// service keeps serving, and the log never says more or less was re-wrapped than was.
/// </summary>
internal sealed class RewrapKeys(IUnitOfWork unitOfWork, SecretKeyRotation rotation, KeyEncryptionKeyRing keys, IAuditLog audit)
{
    /// <returns>How many keys were re-wrapped in all.</returns>
    public async Task<int> HandleAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var total = 0;
        long after = 0;
        while (true)
        {
            await using var work = await unitOfWork.BeginAsync(cancellationToken);
            var (rewrapped, last) = await rotation.RewrapDataKeysAsync(after, cancellationToken);
            if (last is null)
            {
                break;
            }

            await RecordAsync(actor, "dataKeys", rewrapped, cancellationToken);
            await work.CommitAsync(cancellationToken);
            total += rewrapped;
            after = last.Value;
        }

        await using (var work = await unitOfWork.BeginAsync(cancellationToken))
        {
            var rewrapped = await rotation.RewrapSigningKeysAsync(cancellationToken);
            await RecordAsync(actor, "signingKeys", rewrapped, cancellationToken);
            await work.CommitAsync(cancellationToken);
            total += rewrapped;
        }

        return total;
    }

    private Task RecordAsync(AuditActor actor, string what, int rewrapped, CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditRecord.SecretsRewrapped(actor, keys.CurrentId, what, rewrapped), cancellationToken);
}
