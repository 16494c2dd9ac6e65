using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Governance.Domain.Audit;
using Governance.Persistence.Audit;
using Governance.Persistence.Secrets;
using Governance.Protocol.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Persistence.Keys;

/// <summary>
/// Keys live in <c>service_signing_keys</c>, sealed by the key-encryption key ring; the newest is current.
/// Creation and rotation take an advisory lock so replicas starting together agree on one key and
/// rotations are strictly ordered. The current key is re-read at most every <see cref="RefreshInterval"/>,
/// so a rotation on one replica reaches the others within that time (old keys keep verifying meanwhile).
/// </summary>
internal sealed class ServiceSigningKeys(IServiceScopeFactory scopes, KeyEncryptionKeyRing ring, TimeProvider time) : IServiceSigningKeys, IDisposable
{
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>Audit action of a rotation.</summary>
    public const string RotatedAction = "service.signing_key.rotated";

    private readonly ConcurrentDictionary<string, ServiceSigningKey> loaded = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private (ServiceSigningKey Key, DateTimeOffset ReadAt)? current;

    public async Task<ServiceSigningKey> GetCurrentAsync(CancellationToken cancellationToken = default)
    {
        if (current is { } cached && time.GetUtcNow() - cached.ReadAt < RefreshInterval)
        {
            return cached.Key;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var row = await Newest(db).FirstOrDefaultAsync(cancellationToken)
                ?? await CreateFirstAsync(db, cancellationToken);
            var key = Load(row);
            current = (key, time.GetUtcNow());
            return key;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<ServiceSigningKey>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await GetCurrentAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var rows = await Newest(db).ToListAsync(cancellationToken);
        return [.. rows.Select(Load)];
    }

    public async Task<IReadOnlyList<ServiceJwk>> GetPublicKeysAsync(CancellationToken cancellationToken = default)
    {
        await GetCurrentAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var rows = await Newest(db).Select(k => new { k.KeyId, k.PublicKeySpki, k.CreatedAt }).ToListAsync(cancellationToken);
        return [.. rows.Select(row => ServiceSigningKeySealing.PublicJwk(row.KeyId, row.PublicKeySpki, row.CreatedAt))];
    }

    public async Task<ServiceSigningKey> RotateAsync(CancellationToken cancellationToken = default) =>
        (await RotateAsync(AuditActor.System, cancellationToken)).Current;

    public async Task<ServiceSigningKeyRotation> RotateAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.AcquireAsync(db, AdvisoryLocks.ServiceSigningKeys, cancellationToken);
        var previous = await Newest(db).FirstOrDefaultAsync(cancellationToken);
        var row = NewRow(previous);
        db.ServiceSigningKeys.Add(row);
        await audit.AppendAsync(new AuditRecord(actor, RotatedAction, [$"service-key:{row.KeyId}"], AuditOutcome.Succeeded,
            new JsonObject { ["keyId"] = row.KeyId, ["previousKeyId"] = previous?.KeyId }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var key = Load(row);
        current = (key, time.GetUtcNow());
        return new ServiceSigningKeyRotation(key, previous?.KeyId);
    }

    private async Task<ServiceSigningKeyRow> CreateFirstAsync(GovernanceDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AdvisoryLocks.AcquireAsync(db, AdvisoryLocks.ServiceSigningKeys, cancellationToken);
        if (await Newest(db).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return existing;
        }

        var row = NewRow(previous: null);
        db.ServiceSigningKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// A fresh key, created strictly after <paramref name="previous"/> (PostgreSQL keeps microseconds), so
    /// "newest" is never a tie even when the clock stands still or steps back.
    /// </summary>
    private ServiceSigningKeyRow NewRow(ServiceSigningKeyRow? previous)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var now = time.GetUtcNow().UtcTicks;
        var createdAt = new DateTimeOffset(now - (now % 10), TimeSpan.Zero);
        if (previous is not null && createdAt <= previous.CreatedAt)
        {
            createdAt = previous.CreatedAt.AddTicks(10);
        }

        return ServiceSigningKeySealing.Seal(key, createdAt, ring);
    }

    private static IQueryable<ServiceSigningKeyRow> Newest(GovernanceDbContext db) =>
        db.ServiceSigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ThenBy(k => k.KeyId);

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
