namespace PhoneGroups.Store;

/// <summary>What a token may do.</summary>
public static class ApiRoles
{
    /// <summary>Reads and writes.</summary>
    public const string Admin = "admin";

    /// <summary>Reads only.</summary>
    public const string Viewer = "viewer";

    /// <summary>Whether <paramref name="role"/> is one of the roles.</summary>
    public static bool IsKnown(string role) => role is Admin or Viewer;
}
