using System.Data.Common;
using System.Globalization;

namespace PhoneGroups.Store;

/// <summary>
/// The revisions, tokens and console accounts in a SQL database, through plain ADO.NET. The SQL is the same for SQLite and
/// PostgreSQL; the providers differ in how they connect, how a writer takes the write lock and how other
/// controllers hear about a new revision.
/// </summary>
public abstract class SqlStore : IRevisionStore, ITokenStore, IConsoleUserStore
{
    /// <inheritdoc />
    public virtual bool IsWritable => true;

    /// <summary>A new open connection.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that no other writer can run beside (the write lock is held until it ends).</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The type of an auto-numbered key column.</summary>
    protected abstract string IdentityColumn { get; }

    /// <summary>Called inside the write transaction once a revision is appended (PostgreSQL notifies the other controllers).</summary>
    protected virtual Task AppendedAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS policy_revisions (
                id {IdentityColumn},
                created_utc TEXT NOT NULL,
                author TEXT NOT NULL,
                summary TEXT NOT NULL,
                document TEXT NOT NULL,
                restored_from BIGINT NULL
            )
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS api_tokens (
                name_key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                created_utc TEXT NOT NULL
            )
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS console_users (
                name_key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_utc TEXT NOT NULL
            )
            """, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PolicyRevision?> GetLatestAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryRevisionsAsync("SELECT id, created_utc, author, summary, document, restored_from FROM policy_revisions ORDER BY id DESC LIMIT 1", [], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<long> GetLatestIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LatestIdAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PolicyRevision?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var rows = await QueryRevisionsAsync("SELECT id, created_utc, author, summary, document, restored_from FROM policy_revisions WHERE id = @id", [("id", id)], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PolicyRevision>> ListAsync(int limit, long? before = null, CancellationToken cancellationToken = default) =>
        QueryRevisionsAsync(
            "SELECT id, created_utc, author, summary, document, restored_from FROM policy_revisions WHERE id < @before ORDER BY id DESC LIMIT @limit",
            [("before", before ?? long.MaxValue), ("limit", (long)Math.Clamp(limit, 1, 1000))],
            cancellationToken);

    /// <inheritdoc />
    public async Task<PolicyRevision> AppendAsync(long basedOn, string document, string author, string summary, long? restoredFrom = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var latest = await LatestIdAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (latest != basedOn)
        {
            throw new RevisionConflictException(basedOn, latest);
        }

        var created = DateTimeOffset.UtcNow;
        await using var command = Command(connection, transaction,
            "INSERT INTO policy_revisions (created_utc, author, summary, document, restored_from) VALUES (@created, @author, @summary, @document, @restored) RETURNING id",
            [("created", created.ToString("O", CultureInfo.InvariantCulture)), ("author", author), ("summary", summary), ("document", document), ("restored", restoredFrom)]);
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await AppendedAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PolicyRevision(id, created, author, summary, document, restoredFrom);
    }

    /// <inheritdoc />
    public async Task<bool> AddAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var exists = Command(connection, transaction, "SELECT COUNT(*) FROM api_tokens WHERE name_key = @key", [("key", Key(token.Name))]))
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        await using (var insert = Command(connection, transaction,
            "INSERT INTO api_tokens (name_key, name, role, hash, created_utc) VALUES (@key, @name, @role, @hash, @created)",
            [("key", Key(token.Name)), ("name", token.Name), ("role", token.Role), ("hash", token.Hash), ("created", token.CreatedUtc.ToString("O", CultureInfo.InvariantCulture))]))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryTokensAsync("SELECT name, role, hash, created_utc FROM api_tokens ORDER BY name_key", [], cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "DELETE FROM api_tokens WHERE name_key = @key", [("key", Key(name))]);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        var rows = await QueryTokensAsync("SELECT name, role, hash, created_utc FROM api_tokens WHERE hash = @hash", [("hash", hash)], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public async Task<bool> AddUserAsync(ConsoleUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (var exists = Command(connection, transaction, "SELECT COUNT(*) FROM console_users WHERE name_key = @key", [("key", Key(user.Name))]))
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }

        await using (var insert = Command(connection, transaction,
            "INSERT INTO console_users (name_key, name, role, password_hash, created_utc) VALUES (@key, @name, @role, @hash, @created)",
            [("key", Key(user.Name)), ("name", user.Name), ("role", user.Role), ("hash", user.PasswordHash), ("created", user.CreatedUtc.ToString("O", CultureInfo.InvariantCulture))]))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<ConsoleUser?> FindUserAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var rows = await QueryUsersAsync("SELECT name, role, password_hash, created_utc FROM console_users WHERE name_key = @key", [("key", Key(name))], cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConsoleUser>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        QueryUsersAsync("SELECT name, role, password_hash, created_utc FROM console_users ORDER BY name_key", [], cancellationToken);

    /// <inheritdoc />
    public async Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "UPDATE console_users SET password_hash = @hash WHERE name_key = @key", [("key", Key(name)), ("hash", passwordHash)]);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteUserAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "DELETE FROM console_users WHERE name_key = @key", [("key", Key(name))]);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Runs one statement.</summary>
    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, []);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Key(string name) => name.ToUpperInvariant();

    private static async Task<long> LatestIdAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT COALESCE(MAX(id), 0) FROM policy_revisions", []);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<PolicyRevision>> QueryRevisionsAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<PolicyRevision>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new PolicyRevision(
                reader.GetInt64(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5)));
        }

        return rows;
    }

    private async Task<IReadOnlyList<ApiToken>> QueryTokensAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ApiToken>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ApiToken(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return rows;
    }

    private async Task<IReadOnlyList<ConsoleUser>> QueryUsersAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ConsoleUser>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ConsoleUser(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return rows;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
