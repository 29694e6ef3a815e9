using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace PhoneGroups.Store;

/// <summary>
/// The store in PostgreSQL, for several controllers sharing one policy. Writers serialize on a transaction
/// advisory lock; each new revision is announced with <c>NOTIFY phonegroups_policy</c> when its transaction commits,
/// so the other controllers put it in force at once (<see cref="PostgresChangeListener"/>).
/// </summary>
public sealed class PostgresStore(string connectionString) : SqlStore, IAsyncDisposable, IDisposable
{
    /// <summary>The LISTEN/NOTIFY channel.</summary>
    public const string Channel = "phonegroups_policy";

    private const long WriteLockKey = 0x5048_4F4E_4547; // "PHONEG"

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>The connection string, for the listener's own connection.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <inheritdoc />
    protected override string IdentityColumn => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({WriteLockKey.ToString(CultureInfo.InvariantCulture)})", cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    /// <inheritdoc />
    protected override Task AppendedAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, $"NOTIFY {Channel}, '{id.ToString(CultureInfo.InvariantCulture)}'", cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();
}
