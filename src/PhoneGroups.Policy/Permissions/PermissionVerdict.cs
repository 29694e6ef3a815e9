using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Policy.Permissions;

/// <summary>
/// What the permissions made of a call, carried inside a <see cref="Decision"/>: the outcome, the deciding level and
/// permission, and enough to list the accepted passwords or check fail-over routes later without allocating.
/// </summary>
internal readonly struct PermissionVerdict
{
    public PermissionVerdict(PermissionOutcome outcome, PermissionLevel level, PermissionInfo? permission, PermissionMatches matches,
        DecisionReason groupRuleReason, int dialedMatch, bool routeLevelReached)
    {
        Outcome = outcome;
        Level = level;
        Permission = permission;
        Matches = matches;
        GroupRuleReason = groupRuleReason;
        DialedMatch = dialedMatch;
        RouteLevelReached = routeLevelReached;
    }

    public PermissionOutcome Outcome { get; }

    public PermissionLevel Level { get; }

    /// <summary>The deciding permission: the first allow, else the first deny without password, else the first deny.</summary>
    public PermissionInfo? Permission { get; }

    /// <summary>The matching permissions of the deciding level.</summary>
    public PermissionMatches Matches { get; }

    /// <summary>The reason the group rules gave before the permissions were consulted.</summary>
    public DecisionReason GroupRuleReason { get; }

    /// <summary>The permission automaton's match id of the dialed number.</summary>
    public int DialedMatch { get; }

    /// <summary>
    /// Whether the route level was consulted (no user, group or incoming permission matched): then the route
    /// permissions of fail-over routes count too.
    /// </summary>
    public bool RouteLevelReached { get; }

    public PermissionVerdict Unlock() =>
        new(PermissionOutcome.Unlocked, Level, Permission, Matches, GroupRuleReason, DialedMatch, RouteLevelReached);
}
