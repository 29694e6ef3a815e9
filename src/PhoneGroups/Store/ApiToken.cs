namespace PhoneGroups.Store;

/// <summary>An API token as stored: its name, role and the SHA-256 of the secret (never the secret).</summary>
/// <param name="Name">Unique, ignoring case; the author of the revisions made with it.</param>
/// <param name="Role"><c>admin</c> (read and write) or <c>viewer</c> (read only).</param>
/// <param name="Hash">Lowercase hex SHA-256 of the token text.</param>
/// <param name="CreatedUtc">When it was made.</param>
public sealed record ApiToken(string Name, string Role, string Hash, DateTimeOffset CreatedUtc);
