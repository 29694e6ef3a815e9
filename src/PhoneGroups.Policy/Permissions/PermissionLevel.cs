namespace PhoneGroups.Policy.Permissions;

/// <summary>
/// Which permissions decided a call. Levels are consulted in this order and the first one with a matching
/// permission decides: <see cref="User"/>, <see cref="Group"/>, <see cref="Route"/>; calls from outside (unknown
/// callers, calls from a trunk) use <see cref="Incoming"/> first, then (a trunk caller identified as an extension)
/// <see cref="User"/> and <see cref="Group"/>, then <see cref="Route"/>.
/// </summary>
public enum PermissionLevel
{
    /// <summary>No permission applied to the call.</summary>
    None,

    /// <summary><c>user</c>: permissions naming the calling extension in <c>users</c>.</summary>
    User,

    /// <summary><c>group</c>: permissions naming the caller's group in <c>groups</c>.</summary>
    Group,

    /// <summary><c>route</c>: permissions naming, in <c>routes</c>, the route that would carry the call.</summary>
    Route,

    /// <summary><c>incoming</c>: permissions with <c>incoming</c>, for callers that are not internal extensions and calls from a trunk.</summary>
    Incoming,
}
