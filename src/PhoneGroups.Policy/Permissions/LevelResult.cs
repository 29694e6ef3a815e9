namespace PhoneGroups.Policy.Permissions;

/// <summary>The result of one level: the outcome and the permission that decided it (the first in policy order).</summary>
internal readonly record struct LevelResult(PermissionOutcome Outcome, PermissionInfo? Permission);
