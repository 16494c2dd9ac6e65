namespace Governance.Persistence;

/// <summary>
/// What the service's runtime role may do in a schema the migration role owns: read and write the tables that
/// change, only add to the append-only ones (and empty the audit queue, as the sequencer does). It owns nothing,
/// so it can neither alter nor drop a table nor disable a trigger: the append-only guarantee then rests on the
/// missing privilege, not only on triggers an owner could switch off. Applied after every migration run, so a
/// table a later migration adds is covered too.
/// </summary>
public static partial class AppRoleGrants
{
    /// <summary>Rows are added, never changed or removed (their triggers refuse it as well).</summary>
    public static IReadOnlyList<string> AppendOnlyTables { get; } = ["audit_entries", "audit_tree_nodes", "audit_tree_heads", "contract_events", "contract_consents"];

    /// <summary>The statements for <paramref name="role"/>, in order; the README shows the same grants.</summary>
    public static IReadOnlyList<string> Statements(string role)
    {
        var r = Quote(role);
        var appendOnly = string.Join(", ", AppendOnlyTables);
        return
        [
            $"GRANT USAGE ON SCHEMA public TO {r}",
            $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
            $"REVOKE UPDATE, DELETE ON {appendOnly} FROM {r}",
            $"REVOKE UPDATE ON audit_queue FROM {r}",
            // The service never reads or writes the migration history; only the migration role changes the schema.
            $"REVOKE ALL ON \"__EFMigrationsHistory\" FROM {r}",
            $"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {r}",
            $"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {r}",
        ];
    }

    /// <summary>
    /// Grants <paramref name="role"/> its privileges, as the connection's role (the schema's owner). Refuses a role
    /// that does not exist, a superuser (privileges would not bind it) and the owner itself (it would revoke its own).
    /// </summary>
    public static async Task ApplyAsync(GovernanceDbContext db, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!RoleName().IsMatch(role))
        {
            throw new InvalidOperationException($"Database:AppRole '{role}' is not a plain PostgreSQL role name (lowercase letters, digits and _).");
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var check = new NpgsqlCommand(
                "SELECT rolsuper, rolname = current_user FROM pg_roles WHERE rolname = $1", connection))
            {
                check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = role });
                await using var reader = await check.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"Database:AppRole '{role}' does not exist; create it first (deploy/postgres/initdb).");
                }

                if (reader.GetBoolean(0))
                {
                    throw new InvalidOperationException($"Database:AppRole '{role}' is a superuser, whom no privilege binds: the service must run as a role that owns nothing.");
                }

                if (reader.GetBoolean(1))
                {
                    throw new InvalidOperationException($"Database:AppRole '{role}' is the migration role itself, which owns the schema: the service must run as a role that owns nothing.");
                }
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var statement in Statements(role))
            {
                await using var command = new NpgsqlCommand(statement, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A plain lowercase name needs no quoting, so the statements read as the README shows them.</summary>
    private static string Quote(string role) => RoleName().IsMatch(role)
        ? role
        : throw new InvalidOperationException($"'{role}' is not a plain PostgreSQL role name.");

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
