namespace Governance.Persistence.Custody;

/// <summary>The custody tables in PostgreSQL; changes are saved by the caller's unit of work.</summary>
internal sealed class ServiceCustodyRepository(GovernanceDbContext db) : IServiceCustodyRepository
{
    public async Task<CustodyRecord?> LoadAsync(CancellationToken cancellationToken) =>
        await db.Custody.SingleOrDefaultAsync(cancellationToken) is { } row
            ? new CustodyRecord(row.KeyId, row.KeyCheck, row.RulesSeal, row.CreatedAt)
            : null;

    public void Create(CustodyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        db.Custody.Add(new CustodyRow { KeyId = record.KeyId, KeyCheck = record.KeyCheck, RulesSeal = record.RulesSeal, CreatedAt = record.CreatedAt });
    }

    public async Task SaveRulesSealAsync(byte[] rulesSeal, CancellationToken cancellationToken)
    {
        var row = await db.Custody.SingleAsync(cancellationToken);
        row.RulesSeal = rulesSeal;
    }

    public async Task<MeasurementSeal?> FindSealAsync(string keyId, string chipId, string measurement, CancellationToken cancellationToken) =>
        await db.CustodySeals.AsNoTracking()
            .SingleOrDefaultAsync(s => s.KeyId == keyId && s.ChipId == chipId && s.Measurement == measurement, cancellationToken) is { } row
            ? new MeasurementSeal(row.KeyId, row.ChipId, row.Measurement, row.Sealed, row.SealedAt)
            : null;

    public async Task SaveSealAsync(MeasurementSeal seal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var row = await db.CustodySeals.SingleOrDefaultAsync(
            s => s.KeyId == seal.KeyId && s.ChipId == seal.ChipId && s.Measurement == seal.Measurement, cancellationToken);
        if (row is null)
        {
            db.CustodySeals.Add(new MeasurementSealRow
            {
                KeyId = seal.KeyId, ChipId = seal.ChipId, Measurement = seal.Measurement, Sealed = seal.Sealed, SealedAt = seal.SealedAt,
            });
            return;
        }

        row.Sealed = seal.Sealed;
        row.SealedAt = seal.SealedAt;
    }

    public async Task<StoredRecoveryShare?> FindShareAsync(string memberId, CancellationToken cancellationToken) =>
        await db.RecoveryShares.AsNoTracking().SingleOrDefaultAsync(s => s.MemberId == memberId, cancellationToken) is { } row ? ToShare(row) : null;

    public async Task<IReadOnlyList<StoredRecoveryShare>> LoadSharesAsync(string keyId, CancellationToken cancellationToken) =>
        [.. (await db.RecoveryShares.AsNoTracking().Where(s => s.KeyId == keyId).OrderBy(s => s.MemberId).ToListAsync(cancellationToken)).Select(ToShare)];

    public async Task ReplaceSharesAsync(IReadOnlyList<StoredRecoveryShare> shares, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shares);
        db.RecoveryShares.RemoveRange(await db.RecoveryShares.ToListAsync(cancellationToken));
        db.RecoveryShares.AddRange(shares.Select(s => new RecoveryShareRow
        {
            MemberId = s.MemberId, KeyId = s.KeyId, RecoveryKeyId = s.RecoveryKeyId, Threshold = s.Threshold, EncryptedShare = s.EncryptedShare, CreatedAt = s.CreatedAt,
        }));
    }

    public void AddRequest(KeyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        db.KeyRequests.Add(new KeyRequestRow
        {
            Id = request.Id, Measurement = request.Measurement, Attestation = request.Attestation, CreatedAt = request.CreatedAt,
            State = StateName(request.State), Answer = request.Answer, Reason = request.Reason, AnsweredAt = request.AnsweredAt,
        });
    }

    public async Task<IReadOnlyList<KeyRequest>> LockPendingRequestsAsync(int limit, CancellationToken cancellationToken)
    {
        var pending = StateName(KeyRequestState.Pending);
        var rows = await db.KeyRequests
            .FromSql($"SELECT * FROM service_key_requests WHERE state = {pending} ORDER BY created_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRequest)];
    }

    public async Task<KeyRequest?> FindRequestAsync(Guid id, CancellationToken cancellationToken) =>
        await db.KeyRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is { } row ? ToRequest(row) : null;

    public async Task SaveRequestAsync(KeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = db.KeyRequests.Local.SingleOrDefault(r => r.Id == request.Id)
            ?? await db.KeyRequests.SingleAsync(r => r.Id == request.Id, cancellationToken);
        row.State = StateName(request.State);
        row.Answer = request.Answer;
        row.Reason = request.Reason;
        row.AnsweredAt = request.AnsweredAt;
    }

    private static StoredRecoveryShare ToShare(RecoveryShareRow row) =>
        new(row.MemberId, row.KeyId, row.RecoveryKeyId, row.Threshold, row.EncryptedShare, row.CreatedAt);

    private static KeyRequest ToRequest(KeyRequestRow row) =>
        new(row.Id, row.Measurement, row.Attestation, row.CreatedAt, Enum.Parse<KeyRequestState>(row.State, ignoreCase: true), row.Answer, row.Reason, row.AnsweredAt);

    private static string StateName(KeyRequestState state) => state.ToString().ToLowerInvariant();
}
