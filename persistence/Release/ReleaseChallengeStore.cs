namespace Governance.Persistence.Release;

/// <summary>
/// Nonces in PostgreSQL, so that every replica sees the same ones. Consumption is one conditional UPDATE:
/// whichever request's statement commits first wins; a concurrent one blocks on the row, re-reads it and
/// finds it used.
/// </summary>
public sealed class ReleaseChallengeStore(GovernanceDbContext db, TimeProvider time)
{
    public const int NonceBytes = 32;

    /// <summary>The nonce's bytes if <paramref name="nonce"/> is the base64url of <see cref="NonceBytes"/> bytes; null otherwise.</summary>
    public static byte[]? Decode(string? nonce)
    {
        if (nonce is null)
        {
            return null;
        }

        try
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(nonce);
            return bytes.Length == NonceBytes ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public async Task<ReleaseChallengeRow> IssueAsync(TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var row = new ReleaseChallengeRow { Nonce = RandomNumberGenerator.GetBytes(NonceBytes), CreatedAt = now, ExpiresAt = now + lifetime };
        db.ReleaseChallenges.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        return row;
    }

    /// <summary>Uses the nonce up if it is unused and unexpired; runs in the caller's transaction when there is one.</summary>
    public async Task<NonceState> ConsumeAsync(byte[] nonce, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        // Plain SQL: this runs on every release, and the statement is all it needs.
        var updated = await db.Database.ExecuteSqlAsync(
            $"UPDATE release_challenges SET used_at = {now} WHERE nonce = {nonce} AND used_at IS NULL AND expires_at > {now}", cancellationToken);
        if (updated == 1)
        {
            return NonceState.Consumed;
        }

        var state = await db.ReleaseChallenges.AsNoTracking().Where(c => c.Nonce == nonce)
            .Select(c => new { c.UsedAt, c.ExpiresAt }).FirstOrDefaultAsync(cancellationToken);
        return state switch
        {
            null => NonceState.Unknown,
            { UsedAt: not null } => NonceState.AlreadyUsed,
            _ => NonceState.Expired,
        };
    }
}
