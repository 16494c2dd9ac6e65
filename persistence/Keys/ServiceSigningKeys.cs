using System.Collections.Concurrent;
using System.Security.Cryptography;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Persistence.Keys;

/// <summary>
/// Keys live in <c>service_signing_keys</c>; the newest of each purpose is current. Creation takes an advisory
/// lock so replicas starting together agree on one key. The current key is re-read at most every <see cref="RefreshInterval"/>,
/// so a rotation on one replica reaches the others within that time.
/// </summary>
internal sealed class ServiceSigningKeys(IServiceScopeFactory scopes, TimeProvider time) : IServiceSigningKeys, IDisposable
{
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private const long CreateLockKey = 0x7369676e6b657973; // "signkeys"

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
                ?? await CreateAsync(db, purpose, onlyIfNone: true, cancellationToken);
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
        await GetCurrentAsync(ServiceKeyPurpose.TreeHeads, cancellationToken);
        await GetCurrentAsync(ServiceKeyPurpose.Receipts, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        return [.. (await AllRowsAsync(db, cancellationToken)).Select(Load)];
    }

    public Task<ServiceSigningKey> RotateAsync(CancellationToken cancellationToken = default) =>
        RotateAsync(ServiceKeyPurpose.TreeHeads, cancellationToken);

    public async Task<ServiceSigningKey> RotateAsync(ServiceKeyPurpose purpose, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var key = Load(await CreateAsync(db, purpose, onlyIfNone: false, cancellationToken));
        current[purpose] = (key, time.GetUtcNow());
        return key;
    }

    /// <summary>Every row, newest first; there are only as many as rotations, so purposes are told apart in memory.</summary>
    private static async Task<List<ServiceSigningKeyRow>> AllRowsAsync(GovernanceDbContext db, CancellationToken cancellationToken) =>
        await db.ServiceSigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenBy(k => k.KeyId).ToListAsync(cancellationToken);

    private static ServiceSigningKeyRow? NewestOf(ServiceKeyPurpose purpose, IEnumerable<ServiceSigningKeyRow> newestFirst) =>
        newestFirst.FirstOrDefault(row => PurposeOf(row) == purpose);

    private static ServiceKeyPurpose PurposeOf(ServiceSigningKeyRow row)
    {
        using var publicKey = ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(row.PublicKeySpki, out _);
        return ServiceKeyPurposes.Of(publicKey);
    }

    private async Task<ServiceSigningKeyRow> CreateAsync(GovernanceDbContext db, ServiceKeyPurpose purpose, bool onlyIfNone, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreateLockKey})", cancellationToken);
        if (onlyIfNone && NewestOf(purpose, await AllRowsAsync(db, cancellationToken)) is { } existing)
        {
            return existing;
        }

        using var key = ECDsa.Create(purpose.Curve());
        var createdAt = new DateTimeOffset(time.GetUtcNow().UtcTicks - (time.GetUtcNow().UtcTicks % 10), TimeSpan.Zero);
        var row = new ServiceSigningKeyRow
        {
            KeyId = ServiceJwk.FromPublicKey(key, createdAt).Kid,
            PrivateKeyPkcs8 = key.ExportPkcs8PrivateKey(),
            PublicKeySpki = key.ExportSubjectPublicKeyInfo(),
            CreatedAt = createdAt,
        };
        db.ServiceSigningKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    private ServiceSigningKey Load(ServiceSigningKeyRow row) => loaded.GetOrAdd(row.KeyId, id =>
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(row.PrivateKeyPkcs8, out _);
        return new ServiceSigningKey(id, key, row.CreatedAt);
    });

    public void Dispose()
    {
        gate.Dispose();
        foreach (var key in loaded.Values)
        {
            key.PrivateKey.Dispose();
        }
    }
}
