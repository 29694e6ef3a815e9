namespace PhoneGroups.Api;

/// <summary>A revision with its document (YAML) and a unified diff to <see cref="Previous"/>.</summary>
internal sealed record RevisionDetailView(long Revision, DateTimeOffset CreatedUtc, string Author, string Summary, long? RestoredFrom, long? Previous, string Document, string Diff);
