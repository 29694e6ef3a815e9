using System.Text;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Numbers;
using PhoneGroups.Policy.Patterns;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Explanations;

/// <summary>
/// Puts a <see cref="Decision"/> into one or two sentences a PBX admin understands, naming the groups,
/// patterns and routes involved. Off the hot path: it re-checks single patterns to say which one matched.
/// </summary>
public static class DecisionExplainer
{
    private const int MaxListedPatterns = 8;

    /// <summary>Explains <paramref name="decision"/>.</summary>
    public static string Explain(in Decision decision)
    {
        if (decision.Permission is not null)
        {
            return ExplainPermission(decision);
        }

        var caller = DescribeCaller(decision);
        var target = DescribeTarget(decision);
        var verb = decision.IsAllowed ? "may call" : "may not call";
        var why = Why(decision);
        var next = WhatHappens(decision);
        return next is null ? $"{caller} {verb} {target}: {why}." : $"{caller} {verb} {target}: {why}. {next}";
    }

    private static string Why(in Decision d)
    {
        var group = d.CallerGroup;
        var dialed = d.Dialed;
        var policy = d.Policy;
        switch (d.Reason)
        {
            case DecisionReason.InvalidNumber:
                return $"{DialedNumber.Validate(dialed)?.Problem ?? "it is not a number"}, and a dialed number may hold only {DialedNumber.AllowedDescription} "
                    + "(dashes are ignored); no rule was checked";
            case DecisionReason.EmergencyFromTrunk:
                return $"{dialed} is an emergency number, but the call came in from a trunk, and calls from outside are never routed back out as emergency calls";
            case DecisionReason.Emergency:
                return $"{dialed} is an emergency number ({FirstMatch(policy.EmergencyNumbers, dialed)}), which bypasses isolation and route grants";
            case DecisionReason.NoRoute when d.Match.IsEmergency:
                return $"{dialed} is an emergency number, but no route's patterns match it; add it to a route";
            case DecisionReason.UnknownCallerInternal:
                return "callers that are not internal extensions may call internal extensions (unknownCallers: internal-only)";
            case DecisionReason.UnknownCaller when policy.UnknownCallers == UnknownCallerMode.Deny:
                return "callers that are not internal extensions may call only emergency numbers (unknownCallers: deny)";
            case DecisionReason.UnknownCaller:
                return $"callers that are not internal extensions may call only internal extensions (unknownCallers: internal-only), and {dialed} is not one";
            case DecisionReason.SameGroup:
                return $"both are in {group!.Name}";
            case DecisionReason.AllowedPattern:
                return $"{dialed} is outside {group!.Name} but matches its allowed pattern {FirstMatch(group.AllowPatterns, dialed)}";
            case DecisionReason.NotIsolated:
                return group is not null
                    ? $"{group.Name} is not isolated, so its members may call any extension"
                    : NoGroupReason(d);
            case DecisionReason.Isolation:
                var outside = d.Callee is not null ? $"{dialed} is outside {group!.Name}" : $"{dialed} is an external number";
                return group!.AllowPatterns.Count == 0
                    ? $"{outside} and {group.Name} allows nothing outside the group"
                    : $"{outside} and matches none of {group.Name}'s allowed patterns {ListPatterns(group.AllowPatterns)}";
            case DecisionReason.NoRoute:
                return group is { IsIsolated: true }
                    ? $"{dialed} is allowed for {group.Name} by pattern {FirstMatch(group.AllowPatterns, dialed)}, but no route's patterns match it"
                    : $"no route's patterns match {dialed}";
            case DecisionReason.RouteNotGranted:
                var matching = string.Join(", ", d.Match.Routes.Select(i => policy.Routes[i].Name));
                var granted = group!.RouteGrants.Count == 0
                    ? $"{group.Name} may use no outbound routes"
                    : $"{group.Name} may use only {string.Join(", ", group.RouteGrants.Select(g => g.Route.Name))}";
                return $"{dialed} matches route{(d.Match.Routes.Length > 1 ? "s" : string.Empty)} {matching}, but {granted}";
            case DecisionReason.RouteGranted:
                return $"it matches route {RouteWithPattern(d)}, which {group!.Name} may use{AllowedBy(d)}";
            case DecisionReason.RouteOpen:
                var open = group is not null ? $"{group.Name} may use every route" : NoGroupReason(d);
                return $"it matches route {RouteWithPattern(d)} and {open}{AllowedBy(d)}";
            default:
                return d.Reason.ToCode();
        }
    }

    /// <summary>The second sentence: where the call goes, with which caller ID, and what follows if that fails.</summary>
    private static string? WhatHappens(in Decision d)
    {
        switch (d.Action)
        {
            case DecisionAction.Bridge:
                return $"The call is bridged to {d.Endpoint}.";
            case DecisionAction.Route:
                var how = new StringBuilder(d.Reason == DecisionReason.Emergency ? $"It goes out on route {d.Route!.Route.Name} and " : "It ");
                how.Append(d.Context is { } context ? $"is handed to dialplan context {context}" : $"dials {d.FormatDialString()}");
                if (d.CallerId is { } callerId)
                {
                    how.Append($" with caller ID {callerId}");
                }

                var failover = d.Failover.Select(g => g.Route.Name).ToList();
                if (failover.Count > 0)
                {
                    how.Append($"; if that fails: {string.Join(", then ", failover)}");
                }

                return how.Append('.').ToString();
            default:
                return null;
        }
    }

    /// <summary>A call a permission decided: which one, at which level, by which pattern, and what happens next.</summary>
    private static string ExplainPermission(in Decision d)
    {
        var permission = d.Permission!;
        var caller = DescribeCaller(d);
        var target = DescribeTarget(d);
        var level = d.PermissionLevel switch
        {
            PermissionLevel.User => $"user {d.Caller!.Number}",
            PermissionLevel.Group => $"group {d.CallerGroup!.Name}",
            PermissionLevel.Route => $"route {d.GroupRuleRoute!.Route.Name}",
            _ => $"calls from outside to {d.Dialed}",
        };
        var pattern = d.PermissionLevel == PermissionLevel.Incoming
            ? $"caller number pattern {FirstMatch(permission.Numbers, d.OutsideNumber ?? d.CallerNumber ?? string.Empty)}"
            : $"pattern {FirstMatch(permission.Numbers, d.Dialed)}";
        switch (d.Outcome)
        {
            case DecisionOutcome.Allow:
                var next = WhatHappens(d);
                return $"{caller} may call {target}: permission '{permission.Name}' ({level}, {pattern}) allows it.{(next is null ? string.Empty : " " + next)}";
            case DecisionOutcome.Challenge:
                var challenge = d.Challenge;
                var secret = challenge.UsesPin
                    ? $"the PIN of {d.Caller!.Number}, which replaces the password of permission '{permission.Name}'"
                    : $"the password of permission {string.Join(" or ", challenge.AcceptedPasswords.Select(p => $"'{p.Permission.Name}'").Distinct())}";
                var then = WhatHappens(challenge.Granted) ?? string.Empty;
                var lowered = then.Length > 0 ? char.ToLowerInvariant(then[0]) + then[1..] : then;
                return $"{caller} may call {target} only with {secret} ({level}, {pattern}). With it, {lowered}";
            default:
                var noFailover = d.PermissionLevel == PermissionLevel.Route ? "; other routes are not tried instead" : string.Empty;
                return $"{caller} may not call {target}: permission '{permission.Name}' ({level}, {pattern}) denies it{noFailover}.";
        }
    }

    private static string DescribeCaller(in Decision d)
    {
        if (d.Caller is { } caller)
        {
            return $"{caller.Number} ({DescribeGroup(caller.Group)})";
        }

        if (!string.IsNullOrEmpty(d.OutsideNumber))
        {
            return $"{DialedNumber.Printable(d.OutsideNumber)} (from outside)";
        }

        return string.IsNullOrEmpty(d.CallerNumber) ? "An unknown caller" : $"{DialedNumber.Printable(d.CallerNumber)} (not an internal extension)";
    }

    private static string DescribeTarget(in Decision d) =>
        d.Callee is { } callee ? $"{callee.Number} ({DescribeGroup(callee.Group)})" : d.Dialed.Length == 0 ? "an empty number" : DialedNumber.Printable(d.Dialed);

    private static string DescribeGroup(GroupInfo? group) => group switch
    {
        null => "no group",
        { IsIsolated: true } => $"{group.Name}, isolated",
        _ => group.Name,
    };

    private static string NoGroupReason(in Decision d) => d.Caller is null
        ? "unknown callers count as extensions without a group (unknownCallers: allow), which nothing restricts"
        : $"{d.Caller.Number} belongs to no group, which nothing restricts";

    private static string AllowedBy(in Decision d) => d.CallerGroup is { IsIsolated: true } group
        ? $"; {d.Dialed} is allowed for {group.Name} by pattern {FirstMatch(group.AllowPatterns, d.Dialed)}"
        : string.Empty;

    private static string RouteWithPattern(in Decision d)
    {
        var route = d.Route!.Route;
        return $"{route.Name} (pattern {FirstMatch(route.Patterns, d.Dialed)})";
    }

    private static string FirstMatch(IReadOnlyList<AsteriskPattern> patterns, string number) =>
        patterns.FirstOrDefault(p => p.IsMatch(number))?.Text ?? "?";

    private static string ListPatterns(IReadOnlyList<AsteriskPattern> patterns)
    {
        var listed = string.Join(", ", patterns.Take(MaxListedPatterns).Select(p => p.Text));
        return patterns.Count > MaxListedPatterns ? $"{listed} and {patterns.Count - MaxListedPatterns} more" : listed;
    }
}
