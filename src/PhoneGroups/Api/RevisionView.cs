using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary>A revision without its document: what a write answers and what the history lists.</summary>
internal sealed record RevisionView(long Revision, DateTimeOffset CreatedUtc, string Author, string Summary, long? RestoredFrom)
{
    public static RevisionView Of(PolicyRevision revision) => new(revision.Id, revision.CreatedUtc, revision.Author, revision.Summary, revision.RestoredFrom);
}
