namespace PhoneGroups.Store;

/// <summary>Makes the store <c>Store:Provider</c> names: the policy's revisions and the API tokens.</summary>
public static class StoreFactory
{
    /// <summary>The revision store; <paramref name="policyPath"/> is the file for the <c>file</c> provider.</summary>
    public static IRevisionStore Revisions(StoreOptions options, string policyPath, SqlStore? database)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider == StoreProviders.File ? new FileRevisionStore(policyPath) : database ?? Database(options);
    }

    /// <summary>The database: revisions (sqlite, postgres) and tokens (every provider; with <c>file</c> the SQLite file holds only tokens).</summary>
    public static SqlStore Database(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider == StoreProviders.Postgres ? new PostgresStore(options.ConnectionString) : new SqliteStore(options.Path);
    }
}
