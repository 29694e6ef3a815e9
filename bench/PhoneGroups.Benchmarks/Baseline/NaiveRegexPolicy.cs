using System.Text.RegularExpressions;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Tests.Patterns;

namespace PhoneGroups.Benchmarks.Baseline;

/// <summary>
/// The obvious implementation the compiled policy is measured against: the same decision rules, but every
/// pattern is its own <see cref="Regex"/>, tried in order (emergency numbers, the caller group's allow list,
/// then every route's patterns until one matches). Extension and group lookups are dictionaries, as in the engine.
/// </summary>
internal sealed class NaiveRegexPolicy
{
    private readonly CompiledPolicy _policy;
    private readonly Regex[] _emergency;
    private readonly Regex[][] _allowByGroup;
    private readonly Regex[][] _patternsByRoute;

    public NaiveRegexPolicy(CompiledPolicy policy)
    {
        _policy = policy;
        _emergency = [.. policy.EmergencyNumbers.Select(p => ReferenceMatcher.ToRegex(p.Text))];
        _allowByGroup = [.. policy.Groups.Select(g => g.AllowPatterns.Select(p => ReferenceMatcher.ToRegex(p.Text)).ToArray())];
        _patternsByRoute = [.. policy.Routes.Select(r => r.Patterns.Select(p => ReferenceMatcher.ToRegex(p.Text)).ToArray())];
    }

    public int PatternCount => _emergency.Length + _allowByGroup.Sum(a => a.Length) + _patternsByRoute.Sum(r => r.Length);

    /// <summary>The reason and the chosen route index (-1 for none).</summary>
    public (DecisionReason Reason, int Route) Decide(string? from, string to)
    {
        var number = to.Replace("-", string.Empty, StringComparison.Ordinal);
        _policy.TryGetExtension(from ?? string.Empty, out var caller);
        var group = caller?.Group;
        if (_emergency.Any(r => r.IsMatch(number)))
        {
            var first = FirstRoute(number, 0);
            return first < 0 ? (DecisionReason.NoRoute, -1) : (DecisionReason.Emergency, first);
        }

        _policy.TryGetExtension(number, out var callee);
        if (caller is null)
        {
            switch (_policy.UnknownCallers)
            {
                case UnknownCallerMode.InternalOnly when callee is not null:
                    return (DecisionReason.UnknownCallerInternal, -1);
                case UnknownCallerMode.InternalOnly or UnknownCallerMode.Deny:
                    return (DecisionReason.UnknownCaller, -1);
            }
        }

        var allowed = group is { IsIsolated: true } && _allowByGroup[group.Index].Any(r => r.IsMatch(number));
        if (callee is not null)
        {
            if (group is not null && callee.Group == group)
            {
                return (DecisionReason.SameGroup, -1);
            }

            return group is { IsIsolated: true }
                ? (allowed ? DecisionReason.AllowedPattern : DecisionReason.Isolation, -1)
                : (DecisionReason.NotIsolated, -1);
        }

        if (group is { IsIsolated: true } && !allowed)
        {
            return (DecisionReason.Isolation, -1);
        }

        var anyRoute = false;
        for (var route = FirstRoute(number, 0); route >= 0; route = FirstRoute(number, route + 1))
        {
            anyRoute = true;
            if (group is not { ListsRoutes: true } || group.RouteGrants.Any(g => g.Route.Index == route))
            {
                return (group is { ListsRoutes: true } ? DecisionReason.RouteGranted : DecisionReason.RouteOpen, route);
            }
        }

        return (anyRoute ? DecisionReason.RouteNotGranted : DecisionReason.NoRoute, -1);
    }

    /// <summary>Every pattern of the policy tried in turn: what a matcher without an index must do to find all matches.</summary>
    public int CountMatchingPatterns(string number)
    {
        var count = _emergency.Count(r => r.IsMatch(number));
        foreach (var allow in _allowByGroup)
        {
            count += allow.Count(r => r.IsMatch(number));
        }

        foreach (var route in _patternsByRoute)
        {
            count += route.Count(r => r.IsMatch(number));
        }

        return count;
    }

    private int FirstRoute(string number, int from)
    {
        for (var route = from; route < _patternsByRoute.Length; route++)
        {
            foreach (var pattern in _patternsByRoute[route])
            {
                if (pattern.IsMatch(number))
                {
                    return route;
                }
            }
        }

        return -1;
    }
}
