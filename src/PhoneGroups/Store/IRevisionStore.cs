namespace PhoneGroups.Store;

/// <summary>
/// The policy's history. Only valid documents are appended (callers validate first), so the newest revision
/// is the one in force. An append names the revision it was based on and fails when another came first, so
/// two writers never silently overwrite each other.
/// </summary>
public interface IRevisionStore
{
    /// <summary>Whether the API may write (false for the <c>file</c> provider).</summary>
    bool IsWritable { get; }

    /// <summary>Creates the tables when missing. Safe to call every start.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest revision, or null when the store is empty.</summary>
    Task<PolicyRevision?> GetLatestAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest revision's id, 0 when empty: cheap, for polling.</summary>
    Task<long> GetLatestIdAsync(CancellationToken cancellationToken = default);

    /// <summary>One revision, or null.</summary>
    Task<PolicyRevision?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The newest revisions first, at most <paramref name="limit"/>, older than <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<PolicyRevision>> ListAsync(int limit, long? before = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends a revision made from <paramref name="basedOn"/> (0 for an empty store).
    /// </summary>
    /// <exception cref="RevisionConflictException">Another revision was appended after <paramref name="basedOn"/>.</exception>
    /// <exception cref="StoreReadOnlyException">The store does not take writes.</exception>
    Task<PolicyRevision> AppendAsync(long basedOn, string document, string author, string summary, long? restoredFrom = null, CancellationToken cancellationToken = default);
}
