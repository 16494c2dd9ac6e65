namespace Governance.Persistence.Keys;

/// <summary>
/// Keys live in <c>service_signing_keys</c>, sealed by the key-encryption key ring; the newest of each purpose
/// is current. Creation and rotation take an advisory lock so replicas starting together agree on one key and
/// rotations are strictly ordered. The current key is re-read at most every <see cref="RefreshInterval"/>, so
/// a rotation on one replica reaches the others within that time (old keys keep verifying meanwhile).
/// </summary>
internal sealed class ServiceSigningKeys(IServiceScopeFactory scopes, KeyEncryptionKeyRing ring, TimeProvider time) : IServiceSigningKeys, IDisposable
{
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>Audit action of a rotation, one entry per key.</summary>
    public const string RotatedAction = AuditActions.ServiceSigningKeyRotated;

    private static readonly ServiceKeyPurpose[] Purposes = [ServiceKeyPurpose.TreeHeads, ServiceKeyPurpose.Receipts];

    private readonly ConcurrentDictionary<string, ServiceSigningKey> loaded = new();
    private readonly ConcurrentDictionary<ServiceKeyPurpose, (ServiceSigningKey Key, DateTimeOffset ReadAt)> current = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    public Task<ServiceSigningKey> GetCurrentAsync(CancellationToken cancellationToken = default) =>
        GetCurrentAsync(ServiceKeyPurpose.TreeHeads, cancellationToken);

    public async Task<ServiceSigningKey> GetCurrentAsync(ServiceKeyPurpose purpose, CancellationToken cancellationToken = default)
    {
        if (current.TryGetValue(purpose, out var cached) && time.GetUtcNow() - cached.ReadAt < RefreshInterval)
        {
            return cached.Key;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var row = NewestOf(purpose, await AllRowsAsync(db, cancellationToken))
                ?? await CreateFirstAsync(db, purpose, cancellationToken);
            var key = Load(row);
            current[purpose] = (key, time.GetUtcNow());
            return key;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<ServiceSigningKey>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCurrentAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        return [.. (await AllRowsAsync(db, cancellationToken)).Select(Load)];
    }

    public async Task<IReadOnlyList<ServiceJwk>> GetPublicKeysAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCurrentAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var rows = await Newest(db).Select(k => new { k.KeyId, k.PublicKeySpki, k.CreatedAt }).ToListAsync(cancellationToken);
        return [.. rows.Select(row => ServiceSigningKeySealing.PublicJwk(row.KeyId, row.PublicKeySpki, row.CreatedAt))];
    }

    public Task<ServiceSigningKey> RotateAsync(CancellationToken cancellationToken = default) =>
        RotateAsync(ServiceKeyPurpose.TreeHeads, cancellationToken);

    public async Task<ServiceSigningKey> RotateAsync(ServiceKeyPurpose purpose, CancellationToken cancellationToken = default) =>
        (await RotateAsync(AuditActor.System, [purpose], cancellationToken)).Single().Current;

    public Task<IReadOnlyList<ServiceSigningKeyRotation>> RotateAllAsync(AuditActor actor, CancellationToken cancellationToken = default) =>
        RotateAsync(actor, Purposes, cancellationToken);

    private async Task<IReadOnlyList<ServiceSigningKeyRotation>> RotateAsync(
        AuditActor actor, IReadOnlyList<ServiceKeyPurpose> purposes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.AcquireAsync(db, AdvisoryLocks.ServiceSigningKeys, cancellationToken);
        var rows = await AllRowsAsync(db, cancellationToken);
        var newest = rows.FirstOrDefault();
        var created = new List<(ServiceKeyPurpose Purpose, ServiceSigningKeyRow Row, string? PreviousKeyId)>();
        foreach (var purpose in purposes)
        {
            var row = NewRow(purpose, newest);
            var previous = NewestOf(purpose, rows)?.KeyId;
            db.ServiceSigningKeys.Add(row);
            await audit.AppendAsync(AuditRecord.ServiceSigningKeyRotated(actor, ServiceSigningKeyRotation.NameOf(purpose), row.KeyId, previous), cancellationToken);
            created.Add((purpose, row, previous));
            newest = row;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var rotations = new List<ServiceSigningKeyRotation>();
        foreach (var (purpose, row, previous) in created)
        {
            var key = Load(row);
            current[purpose] = (key, time.GetUtcNow());
            rotations.Add(new ServiceSigningKeyRotation(purpose, key, previous));
        }

        return rotations;
    }

    private async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        foreach (var purpose in Purposes)
        {
            await GetCurrentAsync(purpose, cancellationToken);
        }
    }

    private async Task<ServiceSigningKeyRow> CreateFirstAsync(GovernanceDbContext db, ServiceKeyPurpose purpose, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.AcquireAsync(db, AdvisoryLocks.ServiceSigningKeys, cancellationToken);
        var rows = await AllRowsAsync(db, cancellationToken);
        if (NewestOf(purpose, rows) is { } existing)
        {
            return existing;
        }

        var row = NewRow(purpose, rows.FirstOrDefault());
        db.ServiceSigningKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// A fresh key, created strictly after <paramref name="newest"/> (PostgreSQL keeps microseconds), so
    /// "newest" is never a tie even when the clock stands still or steps back.
    /// </summary>
    private ServiceSigningKeyRow NewRow(ServiceKeyPurpose purpose, ServiceSigningKeyRow? newest)
    {
        using var key = ECDsa.Create(purpose.Curve());
        var createdAt = Governance.Protocol.Audit.AuditEntryCanonicalForm.TruncateToMicroseconds(time.GetUtcNow());
        if (newest is not null && createdAt <= newest.CreatedAt)
        {
            createdAt = newest.CreatedAt.AddTicks(10);
        }

        return ServiceSigningKeySealing.Seal(key, createdAt, ring);
    }

    private static IQueryable<ServiceSigningKeyRow> Newest(GovernanceDbContext db) =>
        db.ServiceSigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenBy(k => k.KeyId);

    /// <summary>Every row, newest first; there are only as many as rotations, so purposes are told apart in memory.</summary>
    private static Task<List<ServiceSigningKeyRow>> AllRowsAsync(GovernanceDbContext db, CancellationToken cancellationToken) =>
        Newest(db).ToListAsync(cancellationToken);

    private static ServiceSigningKeyRow? NewestOf(ServiceKeyPurpose purpose, IEnumerable<ServiceSigningKeyRow> newestFirst) =>
        newestFirst.FirstOrDefault(row => PurposeOf(row) == purpose);

    private static ServiceKeyPurpose PurposeOf(ServiceSigningKeyRow row)
    {
        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(row.PublicKeySpki, out _);
        return ServiceKeyPurposes.Of(publicKey);
    }

    private ServiceSigningKey Load(ServiceSigningKeyRow row) =>
        loaded.GetOrAdd(row.KeyId, id => new ServiceSigningKey(id, ServiceSigningKeySealing.Open(row, ring), row.CreatedAt));

    public void Dispose()
    {
        gate.Dispose();
        foreach (var key in loaded.Values)
        {
            key.PrivateKey.Dispose();
        }
    }
}
