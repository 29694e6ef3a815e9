using System.Globalization;
using System.Text.Json.Nodes;
using PhoneGroups.Documents;
using PhoneGroups.Policy.Loading;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary>
/// Every API write: read the newest revision, check If-Match, apply the change, validate the whole document
/// with the policy loader, append it as a new revision and put it in force before answering. A rejected
/// change writes nothing. A write that raced another one is redone on the newer revision, unless the client
/// pinned a revision with If-Match (then it gets 412).
/// </summary>
internal sealed class PolicyWriter(IRevisionStore store, PolicyPublisher publisher)
{
    private const int Attempts = 8;

    /// <summary>Applies <paramref name="edit"/> to the document; returns the revision in force afterwards.</summary>
    public async Task<PolicyRevision> EditAsync(string? ifMatch, string author, Func<PolicyEditor, string> edit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var latest = await LatestAsync(ifMatch, cancellationToken).ConfigureAwait(false);
            var before = PolicyTree.FromYaml(latest.Document);
            var editor = new PolicyEditor((JsonObject)before.DeepClone());
            var summary = edit(editor);
            if (JsonNode.DeepEquals(before, editor.Root))
            {
                return latest; // nothing changed: no new revision
            }

            try
            {
                return await AppendAsync(latest, PolicyTree.ToYaml(editor.Root), author, summary, null, cancellationToken).ConfigureAwait(false);
            }
            catch (RevisionConflictException) when (ifMatch is null && attempt < Attempts)
            {
                // Someone wrote first: redo the edit on their revision, after a short random pause so that
                // writers racing from several controllers spread out.
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Replaces the whole document with <paramref name="yaml"/> (kept as written, comments and all).</summary>
    public async Task<PolicyRevision> ReplaceAsync(string? ifMatch, string author, string yaml, string summary, long? restoredFrom, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(ifMatch, cancellationToken).ConfigureAwait(false);
        if (latest.Document == yaml)
        {
            return latest;
        }

        return await AppendAsync(latest, yaml, author, summary, restoredFrom, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PolicyRevision> LatestAsync(string? ifMatch, CancellationToken cancellationToken)
    {
        if (!store.IsWritable)
        {
            throw new StoreReadOnlyException();
        }

        var latest = await store.GetLatestAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("the store is empty"); // seeded at start, never empty while running
        if (ifMatch is not null && !Matches(ifMatch, latest.Id))
        {
            throw new StaleRevisionException(ifMatch, latest.Id);
        }

        return latest;
    }

    private async Task<PolicyRevision> AppendAsync(PolicyRevision latest, string yaml, string author, string summary, long? restoredFrom, CancellationToken cancellationToken)
    {
        var loaded = PolicyLoader.LoadText(yaml, "policy");
        if (!loaded.Success)
        {
            throw new PolicyRejectedByLoaderException(loaded.Errors);
        }

        var revision = await store.AppendAsync(latest.Id, yaml, author, summary, restoredFrom, cancellationToken).ConfigureAwait(false);
        publisher.Publish(revision, loaded);
        return revision;
    }

    /// <summary><c>"12"</c>, <c>W/"12"</c>, <c>12</c> or <c>*</c>; several comma-separated values match if any does.</summary>
    internal static bool Matches(string ifMatch, long id)
    {
        foreach (var raw in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
            if (tag == "*" || tag.Trim('"') == id.ToString(CultureInfo.InvariantCulture))
            {
                return true;
            }
        }

        return false;
    }
}
