namespace PhoneGroups.Store;

/// <summary>The values of <c>Store:Provider</c>.</summary>
public static class StoreProviders
{
    /// <summary>The YAML file is the source of truth (GitOps); the API only reads.</summary>
    public const string File = "file";

    /// <summary>Revisions in an embedded SQLite file.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>Revisions in PostgreSQL, shared by several controllers.</summary>
    public const string Postgres = "postgres";
}
