namespace PhoneGroups.Store;

/// <summary>
/// <c>Store:Provider file</c>: the policy file is the only revision there is (id 0, re-read each time) and the
/// API cannot write: the file is managed elsewhere (GitOps), and a write here would be lost on the next deploy.
/// </summary>
public sealed class FileRevisionStore(string path) : IRevisionStore
{
    /// <inheritdoc />
    public bool IsWritable => false;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<PolicyRevision?> GetLatestAsync(CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return new PolicyRevision(0, File.GetLastWriteTimeUtc(path), "file", path, text, null);
    }

    /// <inheritdoc />
    public Task<long> GetLatestIdAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

    /// <inheritdoc />
    public async Task<PolicyRevision?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        id == 0 ? await GetLatestAsync(cancellationToken).ConfigureAwait(false) : null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PolicyRevision>> ListAsync(int limit, long? before = null, CancellationToken cancellationToken = default) =>
        before is null or > 0 ? [(await GetLatestAsync(cancellationToken).ConfigureAwait(false))!] : [];

    /// <inheritdoc />
    public Task<PolicyRevision> AppendAsync(long basedOn, string document, string author, string summary, long? restoredFrom = null, CancellationToken cancellationToken = default) =>
        throw new StoreReadOnlyException();
}
