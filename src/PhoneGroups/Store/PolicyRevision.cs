namespace PhoneGroups.Store;

/// <summary>One version of the policy: the whole document, who made it, when and why.</summary>
/// <param name="Id">Increasing; the API's ETag.</param>
/// <param name="CreatedUtc">When it was written.</param>
/// <param name="Author">The API token's name, or the command that wrote it (<c>seed</c>, <c>import</c>).</param>
/// <param name="Summary">One line saying what changed.</param>
/// <param name="Document">The policy YAML, exactly as validated.</param>
/// <param name="RestoredFrom">The revision this one restores, or null.</param>
public sealed record PolicyRevision(long Id, DateTimeOffset CreatedUtc, string Author, string Summary, string Document, long? RestoredFrom);
