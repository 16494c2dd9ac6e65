namespace Governance.Persistence.Release;

/// <summary>
/// <see cref="IReleaseLedger"/> in plain SQL over the context's connection: EF Core cannot send several queries in
/// one round trip, and the grant's write is one data-modifying statement whose conditions are the facts the
/// decision was made on.
/// </summary>
internal sealed class ReleaseLedger(
    GovernanceDbContext db, ContractContentCache contents, IRequestIdAccessor? requestId = null) : IReleaseLedger
{
    // The consent rides in the same statement: each party's latest recorded setting of each switch, read from the
    // append-only consent changes (what the parties signed), and how many changes there were.
    private const string ContractSql = """
        SELECT c.id, c.state, c.revision, c.release_count, c.digest, c.parties, c.not_after, c.acceptance_seal, c.content::text,
               ARRAY(SELECT l.member_id || ':' || l.switch || ':' || l.enabled::text FROM (
                   SELECT DISTINCT ON (k.member_id, k.switch) k.member_id, k.switch, k.enabled
                   FROM contract_consents k WHERE k.contract_id = c.id ORDER BY k.member_id, k.switch, k.sequence DESC) l),
               (SELECT coalesce(max(k.sequence), 0) FROM contract_consents k WHERE k.contract_id = c.id)
        FROM contracts c WHERE c.id = $1
        """;

    // The version a release sends of every secret the stored content names: its secrets, and each dataset's key and
    // credential (ContractContent's JSON names), the version the content pins or else the current one. Content that
    // names something else was changed after acceptance, and the decision refuses it on its digest whatever this finds.
    private const string SecretsSql = """
        SELECT DISTINCT ON (s.owner, s.name) s.id, s.owner, s.name, s.version, s.length, s.created_at, s.backend,
               s.kek_id, s.wrapped_key, s.ciphertext, s.vault_reference
        FROM contracts c
        CROSS JOIN LATERAL (
            SELECT item->>'owner', item->>'name', item->>'version'
            FROM jsonb_array_elements(CASE jsonb_typeof(c.content->'secrets') WHEN 'array' THEN c.content->'secrets' ELSE '[]' END) item
            UNION ALL
            SELECT item->>'owner', pinned.name, pinned.version
            FROM jsonb_array_elements(CASE jsonb_typeof(c.content->'datasets') WHEN 'array' THEN c.content->'datasets' ELSE '[]' END) item
            CROSS JOIN LATERAL (VALUES (item->>'keySecret', item->>'keySecretVersion'), (item->>'credentialSecret', item->>'credentialSecretVersion')) AS pinned(name, version)
        ) AS named(owner, name, version)
        JOIN secrets s ON s.owner = named.owner AND s.name = named.name AND s.deleted_at IS NULL
            AND s.version = coalesce(CASE WHEN named.version ~ '^[0-9]{1,9}$' THEN named.version::integer END, s.version)
        WHERE c.id = $1
        ORDER BY s.owner, s.name, s.version DESC
        """;

    private const string NonceSql = "SELECT used_at, expires_at FROM release_challenges WHERE nonce = $1";

    // The nonce row is locked first, so that of two grants presenting it the second waits, re-reads it used, and
    // writes nothing. The contract's count goes up only at the revision the decision read and under its limit;
    // the nonce is used up, the wrapping key bound to the contract (for the clean room's channel) and the entry queued
    // only if the count went up. Autocommit: one round trip, durable.
    private static readonly string GrantSql = $"""
        WITH usable AS (
            SELECT nonce FROM release_challenges WHERE nonce = $1 AND used_at IS NULL AND expires_at > $2 FOR UPDATE),
        counted AS (
            UPDATE contracts SET release_count = release_count + 1, updated_at = $2
            WHERE id = $3 AND revision = $4 AND ($5::integer IS NULL OR release_count < $5) AND EXISTS (SELECT 1 FROM usable)
            RETURNING id),
        used AS (
            UPDATE release_challenges SET used_at = $2 WHERE nonce = $1 AND EXISTS (SELECT 1 FROM counted) RETURNING nonce),
        queued AS (
            INSERT INTO audit_queue ({AuditQueueInsert.Columns})
            SELECT {AuditQueueInsert.Placeholders(6)} WHERE EXISTS (SELECT 1 FROM counted) RETURNING 1),
        bound AS (
            INSERT INTO release_bindings (contract_id, thumbprint, public_jwk, claims_digest, bound_at)
            SELECT $3, ${6 + AuditQueueInsert.ParameterCount}, ${7 + AuditQueueInsert.ParameterCount}, ${8 + AuditQueueInsert.ParameterCount}, $2
            WHERE EXISTS (SELECT 1 FROM counted) ON CONFLICT DO NOTHING RETURNING 1)
        SELECT (SELECT count(*) FROM counted) + (SELECT count(*) FROM used) + (SELECT count(*) FROM queued)
        """;

    public async Task<ReleaseSnapshot> ReadAsync(byte[] nonce, Guid contractId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The connection stays open after a read that succeeds, for the grant's write or the locked decision that
        // follows in the same request: each return to the pool costs PostgreSQL a session reset.
        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command(ContractSql, new NpgsqlParameter<Guid> { TypedValue = contractId }));
            batch.BatchCommands.Add(Command(SecretsSql, new NpgsqlParameter<Guid> { TypedValue = contractId }));
            batch.BatchCommands.Add(Command(NonceSql, new NpgsqlParameter<byte[]> { TypedValue = nonce }));

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            var contract = await ReadContractAsync(reader, now, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var secrets = await ReadSecretsAsync(reader, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            var nonceState = await ReadNonceStateAsync(reader, now, cancellationToken);

            return new ReleaseSnapshot(nonceState, contract, contract is null ? [] : secrets);
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }

    public async Task<bool> TryRecordGrantAsync(
        byte[] nonce, ReleaseContract contract, AuditRecord grant, KeyBinding binding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(GrantSql, connection);
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = nonce });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(contract.Id) });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = contract.Revision });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)contract.MaxReleases ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            AuditQueueInsert.AddValues(command.Parameters, grant, now, requestId?.RequestId);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = binding.Thumbprint });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = binding.PublicJwk });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = binding.ClaimsDigest });
            var written = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return written switch
            {
                0 => false,
                3 => true,
                _ => throw new InvalidOperationException($"The grant statement wrote {written} of its 3 rows."),
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private async Task<ReleaseContract?> ReadContractAsync(NpgsqlDataReader reader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var stored = new StoredContract(
            reader.GetGuid(0),
            Enum.Parse<ContractStateName>(reader.GetString(1)),
            reader.GetInt32(2),
            reader.GetInt32(3),
            reader.GetFieldValue<byte[]>(4),
            reader.GetFieldValue<string[]>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            ConsentState.Of(reader.GetFieldValue<string[]>(5), [.. reader.GetFieldValue<string[]>(9).Select(ParseSetting)], reader.GetInt32(10)));
        var parsed = contents.Parse(reader.GetString(8));
        var matches = parsed.Digest.Length == stored.Digest.Length
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(parsed.Digest, stored.Digest);
        return ReleaseContract.Of(stored, parsed.Content, matches, now);
    }

    /// <summary>One <c>member:switch:enabled</c> of the contract query's consent column.</summary>
    private static ConsentSetting ParseSetting(string setting)
    {
        var parts = setting.Split(':');
        return new ConsentSetting(parts[0], ConsentSwitches.Parse(parts[1]), parts[2] == "true");
    }

    private static async Task<List<SecretRow>> ReadSecretsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<SecretRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SecretRow
            {
                Id = reader.GetInt64(0),
                Owner = reader.GetString(1),
                Name = reader.GetString(2),
                Version = reader.GetInt32(3),
                Length = reader.GetInt32(4),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(5),
                Backend = reader.GetString(6),
                KekId = reader.IsDBNull(7) ? null : reader.GetString(7),
                WrappedKey = reader.IsDBNull(8) ? null : reader.GetFieldValue<byte[]>(8),
                Ciphertext = reader.IsDBNull(9) ? null : reader.GetFieldValue<byte[]>(9),
                VaultReference = reader.IsDBNull(10) ? null : reader.GetString(10),
            });
        }

        return rows;
    }

    private static async Task<NonceState> ReadNonceStateAsync(NpgsqlDataReader reader, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return NonceState.Unknown;
        }

        if (!reader.IsDBNull(0))
        {
            return NonceState.AlreadyUsed;
        }

        return reader.GetFieldValue<DateTimeOffset>(1) > now ? NonceState.Usable : NonceState.Expired;
    }

    private static NpgsqlBatchCommand Command(string sql, NpgsqlParameter parameter)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(parameter);
        return command;
    }
}
