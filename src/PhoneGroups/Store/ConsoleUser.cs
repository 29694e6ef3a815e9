namespace PhoneGroups.Store;

/// <summary>A web console account as stored: its name, role and the password's hash (never the password).</summary>
/// <param name="Name">Unique, ignoring case; the author of the revisions made in the console.</param>
/// <param name="Role"><c>admin</c> (read and write) or <c>viewer</c> (read only), as for tokens.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's PBKDF2 hash (salted, versioned, iterated).</param>
/// <param name="CreatedUtc">When it was made.</param>
public sealed record ConsoleUser(string Name, string Role, string PasswordHash, DateTimeOffset CreatedUtc);
