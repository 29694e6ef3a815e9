namespace PhoneGroups.Store;

/// <summary>Where the policy's revisions and the API tokens live (configuration section <c>Store</c>).</summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Store";

    /// <summary>
    /// <c>file</c>: the YAML file at <c>Policy:Path</c> is the source of truth and API writes are refused;
    /// <c>sqlite</c>: revisions in one SQLite file (<see cref="Path"/>); <c>postgres</c>: revisions in PostgreSQL
    /// (<see cref="ConnectionString"/>), shared by several controllers.
    /// </summary>
    /// <value>The default value is <c>sqlite</c>: the API and console can write out of the box; on an empty
    /// store <c>Policy:Path</c> seeds the first revision.</value>
    public string Provider { get; set; } = StoreProviders.Sqlite;

    /// <summary>The SQLite database file. With <c>file</c> it still holds the API tokens.</summary>
    /// <value>The default value is <c>phonegroups.db</c> in the current directory.</value>
    public string Path { get; set; } = "phonegroups.db";

    /// <summary>The PostgreSQL connection string; pass it by environment (<c>Store__ConnectionString</c>).</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How often the store is asked for a newer revision (a safety net under LISTEN/NOTIFY on PostgreSQL).</summary>
    /// <value>The default value is 500.</value>
    public int PollMilliseconds { get; set; } = 500;
}
