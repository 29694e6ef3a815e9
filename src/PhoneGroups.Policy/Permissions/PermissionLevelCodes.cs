namespace PhoneGroups.Policy.Permissions;

/// <summary>The stable text codes of <see cref="PermissionLevel"/>, as printed by <c>check --json</c>.</summary>
public static class PermissionLevelCodes
{
    /// <summary><c>user</c>, <c>group</c>, <c>route</c> or <c>incoming</c>; null for <see cref="PermissionLevel.None"/>. Never allocates.</summary>
    public static string? ToCode(this PermissionLevel level) => level switch
    {
        PermissionLevel.None => null,
        PermissionLevel.User => "user",
        PermissionLevel.Group => "group",
        PermissionLevel.Route => "route",
        PermissionLevel.Incoming => "incoming",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
