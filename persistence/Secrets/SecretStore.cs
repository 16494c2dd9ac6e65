namespace Governance.Persistence.Secrets;

internal sealed class SecretStore(GovernanceDbContext db, ISecretVault vault, IAuditLog audit, TimeProvider time) : ISecretStore
{
    public async Task<SecretMetadata> PutAsync(string owner, string name, byte[] value, AuditActor actor, CancellationToken cancellationToken = default)
    {
        SecretName.Validate(name);
        SecretValue.Validate(value);
        return await db.InTransactionAsync(ct => PutLockedAsync(owner, name, value, actor, ct), cancellationToken);
    }

    private async Task<SecretMetadata> PutLockedAsync(string owner, string name, byte[] value, AuditActor actor, CancellationToken cancellationToken)
    {
        var key = $"{owner}/{name}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLocks.SecretName}, hashtext({key}))", cancellationToken);
        var latest = await db.Secrets.Where(s => s.Owner == owner && s.Name == name)
            .MaxAsync(s => (int?)s.Version, cancellationToken) ?? 0;
        var row = new SecretRow
        {
            Owner = owner,
            Name = name,
            Version = latest + 1,
            Length = value.Length,
            CreatedAt = time.GetUtcNow(),
            Backend = vault.Backend,
        };
        await vault.SealAsync(row, value, cancellationToken);
        db.Secrets.Add(row);
        await audit.AppendAsync(AuditRecord.SecretCreated(actor, owner, name, row.Version, row.Length, row.Backend), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            throw DomainException.Conflict($"Another version of secret '{name}' was stored at the same moment; retry.");
        }

        return ToMetadata(row);
    }

    public async Task<IReadOnlyList<SecretMetadata>> ListAsync(string owner, CancellationToken cancellationToken = default)
    {
        var rows = await db.Secrets.AsNoTracking()
            .Where(s => s.Owner == owner && s.DeletedAt == null)
            .Where(s => s.Version == db.Secrets.Where(o => o.Owner == s.Owner && o.Name == s.Name && o.DeletedAt == null).Max(o => o.Version))
            .OrderBy(s => s.Name)
            .Select(s => new SecretMetadata(s.Owner, s.Name, s.Version, s.Length, s.CreatedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<IReadOnlyList<SecretMetadata>> ListVersionsAsync(string owner, string name, CancellationToken cancellationToken = default) =>
        await db.Secrets.AsNoTracking()
            .Where(s => s.Owner == owner && s.Name == name && s.DeletedAt == null)
            .OrderBy(s => s.Version)
            .Select(s => new SecretMetadata(s.Owner, s.Name, s.Version, s.Length, s.CreatedAt))
            .ToListAsync(cancellationToken);

    public async Task<bool> DeleteAsync(string owner, string name, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var deleted = await db.Secrets
                .Where(s => s.Owner == owner && s.Name == name && s.DeletedAt == null)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(s => s.DeletedAt, now)
                    .SetProperty(s => s.Ciphertext, (byte[]?)null)
                    .SetProperty(s => s.WrappedKey, (byte[]?)null), cancellationToken);
            if (deleted == 0)
            {
                return false;
            }

            await audit.AppendAsync(AuditRecord.SecretDeleted(actor, owner, name, deleted), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Only after the commit: a failed deletion must not lose a value that is still listed.
        await vault.DestroyAsync(owner, name, cancellationToken);
        return true;
    }

    public async Task<byte[]?> ReadCurrentAsync(string owner, string name, CancellationToken cancellationToken = default)
    {
        var row = await db.Secrets.AsNoTracking()
            .Where(s => s.Owner == owner && s.Name == name && s.DeletedAt == null)
            .OrderByDescending(s => s.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (row.Backend != vault.Backend)
        {
            throw new InvalidOperationException($"Secret version {row.Id} is held by the '{row.Backend}' backend, not the configured '{vault.Backend}'.");
        }

        return await vault.OpenAsync(row, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SecretRef, byte[]>> ReadCurrentAsync(IReadOnlyCollection<SecretRef> names, CancellationToken cancellationToken = default)
    {
        if (names.Count == 0)
        {
            return new Dictionary<SecretRef, byte[]>();
        }

        return await OpenAsync(await FindReleaseVersionsAsync(names, new Dictionary<SecretRef, int>(), cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<SecretRow>> FindReleaseVersionsAsync(
        IReadOnlyCollection<SecretRef> names, IReadOnlyDictionary<SecretRef, int> pins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(pins);
        string[] owners = [.. names.Select(n => n.Owner)];
        string[] secretNames = [.. names.Select(n => n.Name)];
        int?[] versions = [.. names.Select(n => pins.TryGetValue(n, out var pinned) ? pinned : (int?)null)];
        return await db.Secrets.FromSql($"""
            SELECT DISTINCT ON (s.owner, s.name) s.* FROM secrets s
            JOIN unnest({owners}, {secretNames}, {versions}) AS wanted(owner, name, version)
              ON s.owner = wanted.owner AND s.name = wanted.name AND (wanted.version IS NULL OR s.version = wanted.version)
            WHERE s.deleted_at IS NULL
            ORDER BY s.owner, s.name, s.version DESC
            """).AsNoTracking().Where(s => s.DeletedAt == null).ToListAsync(cancellationToken); // composed so the prepared statement names its columns
    }

    public async Task<IReadOnlyDictionary<SecretRef, byte[]>> OpenAsync(IReadOnlyCollection<SecretRow> versions, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<SecretRef, byte[]>();
        foreach (var row in versions)
        {
            if (row.Backend != vault.Backend)
            {
                throw new InvalidOperationException($"Secret version {row.Id} is held by the '{row.Backend}' backend, not the configured '{vault.Backend}'.");
            }

            values[new SecretRef(row.Owner, row.Name)] = await vault.OpenAsync(row, cancellationToken);
        }

        return values;
    }


    private static SecretMetadata ToMetadata(SecretRow row) => new(row.Owner, row.Name, row.Version, row.Length, row.CreatedAt);
}
