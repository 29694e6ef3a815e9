using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace PhoneGroups.Store;

/// <summary>
/// The store in one SQLite file: nothing to install. Writers take SQLite's write lock
/// (<c>BEGIN IMMEDIATE</c>); several controllers on one host may share the file.
/// </summary>
public sealed class SqliteStore(string path) : SqlStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 10,
    }.ToString();

    /// <summary>The database file.</summary>
    public string FilePath { get; } = Path.GetFullPath(path);

    /// <inheritdoc />
    protected override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Readers never wait for a writer in WAL mode; a writer waits up to 10 s for another.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
}
