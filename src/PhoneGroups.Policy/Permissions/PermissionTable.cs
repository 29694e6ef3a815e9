using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Permissions;

/// <summary>
/// The compiled call permissions. All their patterns form one automaton: owner <c>i</c> for the patterns matched
/// against the dialed number (<c>numbers</c>, or <c>incoming</c> for incoming permissions), owner <c>Count + i</c>
/// for an incoming permission's <c>numbers</c>, matched against the caller's number. A decision walks it for the
/// dialed number in the same pass as the policy's own automaton, and intersects the result with the sorted permission
/// lists of the caller, its group and the route.
/// </summary>
internal sealed class PermissionTable
{
    public static readonly PermissionTable Empty = new([], null, [], [], []);

    private const byte AllowFlag = 1;
    private const byte PasswordFlag = 2;

    private readonly PermissionInfo[] _permissions;
    private readonly byte[] _flags;           // per permission: allow, has a password (no object to visit while deciding)
    private readonly PatternSet? _patterns;   // null when no permission is enabled
    // Every match id's owners, ascending, in one flat array (one memory region, no array per set):
    // dialed-side owners from _bounds[3 id] to _bounds[3 id + 1], caller-side ones from there to _bounds[3 id + 2].
    private readonly int[] _owners;
    private readonly int[] _bounds;
    // The enabled permissions naming each group (each route), ascending, as slices of one flat array: a call that fails
    // over tries many routes, and one small array stays in cache where an array per route would not.
    private readonly int[] _groupLists;
    private readonly int[] _groupStart;   // group index -> start in _groupLists; [groups] = end
    private readonly int[] _routeLists;
    private readonly int[] _routeStart;
    // Per match id, the routes (ascending) named by a permission that matches the dialed number: a fail-over route
    // not among them passes the route level without looking at its list.
    private readonly int[] _matchRoutes;
    private readonly int[] _matchRouteStart;
    // Parallel to _matchRoutes: that route level's result, precomputed (it depends only on the number and the route):
    // the outcome in the low two bits, the deciding permission's index above them.
    private readonly int[] _matchRouteResults;
    private readonly bool _hasIncoming;       // whether any enabled permission is incoming

    public PermissionTable(PermissionInfo[] permissions, PatternSet? patterns, int[] split, int[][] byGroup, int[][] byRoute)
    {
        _permissions = permissions;
        _flags = [.. permissions.Select(p => (byte)((p.Mode == PermissionMode.Allow ? AllowFlag : 0) | (p.HasPassword ? PasswordFlag : 0)))];
        _patterns = patterns;
        (_groupLists, _groupStart) = Flatten(byGroup);
        (_routeLists, _routeStart) = Flatten(byRoute);
        _hasIncoming = permissions.Any(p => p.IsEnabled && p.IsIncoming);
        var count = patterns?.MatchCount ?? 0;
        _bounds = new int[3 * count];
        var owners = new List<int>();
        for (var id = 0; id < count; id++)
        {
            _bounds[3 * id] = owners.Count;
            _bounds[(3 * id) + 1] = owners.Count + split[id];
            owners.AddRange(patterns!.GetOwners(id));
            _bounds[(3 * id) + 2] = owners.Count;
        }

        _owners = [.. owners];

        var matchRoutes = new List<int>();
        _matchRouteStart = new int[count + 1];
        for (var id = 0; id < count; id++)
        {
            _matchRouteStart[id] = matchRoutes.Count;
            var dialed = DialedOwners(id).ToArray();
            matchRoutes.AddRange(dialed.SelectMany(p => permissions[p].Routes).Select(r => r.Index).Distinct().Order());
        }

        _matchRouteStart[count] = matchRoutes.Count;
        _matchRoutes = [.. matchRoutes];
        _matchRouteResults = new int[_matchRoutes.Length];
        for (var id = 0; id < count; id++)
        {
            for (var i = _matchRouteStart[id]; i < _matchRouteStart[id + 1]; i++)
            {
                var result = Level(new PermissionMatches(this, id, RouteList(_matchRoutes[i])));
                _matchRouteResults[i] = (int)result.Outcome | ((result.Permission?.Index ?? 0) << 2);
            }
        }
    }

    public IReadOnlyList<PermissionInfo> Permissions => _permissions;

    public int Count => _permissions.Length;

    /// <summary>The automaton, or null when no permission is enabled (exposed for diagnostics).</summary>
    public PatternSet? Patterns => _patterns;

    public ReadOnlySpan<int> DialedOwners(int matchId) =>
        _patterns is null ? default : _owners.AsSpan(_bounds[3 * matchId], _bounds[(3 * matchId) + 1] - _bounds[3 * matchId]);

    public ReadOnlySpan<int> CallerOwners(int matchId) =>
        _patterns is null ? default : _owners.AsSpan(_bounds[(3 * matchId) + 1], _bounds[(3 * matchId) + 2] - _bounds[(3 * matchId) + 1]);

    /// <summary>
    /// Consults the levels for a call the group rules allowed: incoming (calls from outside), user and group
    /// (extension callers), then the route that would carry the call. The first level with a match decides.
    /// </summary>
    /// <param name="caller">The calling extension, or null for a caller from outside.</param>
    /// <param name="fromOutside">
    /// Whether the call came from outside: an unknown caller, or a call from a trunk (even one whose caller was
    /// identified as an extension, as from a trusted branch office: the incoming level comes first, then its own levels).
    /// </param>
    /// <param name="outsideNumber">An outside caller's number (empty when unknown).</param>
    /// <param name="dialedMatch">This table's automaton's match id for the dialed number.</param>
    /// <param name="route">The route that would carry the call, or null when it is bridged.</param>
    /// <param name="matchingRoutes">The indexes of every route matching the number (the route and its fail-over candidates).</param>
    /// <param name="groupRuleReason">What the group rules said.</param>
    public PermissionVerdict Evaluate(ExtensionInfo? caller, bool fromOutside, string outsideNumber, int dialedMatch, RouteInfo? route, ReadOnlySpan<int> matchingRoutes,
        DecisionReason groupRuleReason)
    {
        if (_patterns is null)
        {
            return default;
        }

        // No permission names this caller, its group, the route or a fail-over route (and none is incoming): nothing to match.
        var user = caller?.UserPermissions ?? [];
        var byGroupList = caller?.Group is { } callerGroup ? GroupList(callerGroup.Index) : default;
        var byRouteList = route is not null ? RouteList(route.Index) : default;
        if (user.Length == 0 && byGroupList.Count == 0 && (!fromOutside || !_hasIncoming) && (route is null || !AnyRoutePermission(dialedMatch, matchingRoutes)))
        {
            return default;
        }

        if (DialedOwners(dialedMatch).IsEmpty)
        {
            return default; // no permission mentions this number
        }

        if (fromOutside && _hasIncoming)
        {
            var incoming = new PermissionMatches(this, dialedMatch, _patterns.Match(outsideNumber));
            if (Level(incoming) is { Outcome: not PermissionOutcome.None } byIncoming)
            {
                return new PermissionVerdict(byIncoming.Outcome, PermissionLevel.Incoming, byIncoming.Permission, incoming, groupRuleReason, dialedMatch, false);
            }
        }

        if (caller is not null)
        {
            var byUserMatches = new PermissionMatches(this, dialedMatch, user);
            if (Level(byUserMatches) is { Outcome: not PermissionOutcome.None } byUser)
            {
                return new PermissionVerdict(byUser.Outcome, PermissionLevel.User, byUser.Permission, byUserMatches, groupRuleReason, dialedMatch, false);
            }

            if (byGroupList.Count > 0)
            {
                var byGroupMatches = new PermissionMatches(this, dialedMatch, byGroupList);
                if (Level(byGroupMatches) is { Outcome: not PermissionOutcome.None } byGroup)
                {
                    return new PermissionVerdict(byGroup.Outcome, PermissionLevel.Group, byGroup.Permission, byGroupMatches, groupRuleReason, dialedMatch, false);
                }
            }
        }

        if (route is null)
        {
            return default;
        }

        var byRouteMatches = new PermissionMatches(this, dialedMatch, byRouteList);
        var byRoute = RouteLevel(dialedMatch, route.Index);
        return new PermissionVerdict(byRoute.Outcome, byRoute.Outcome == PermissionOutcome.None ? PermissionLevel.None : PermissionLevel.Route,
            byRoute.Permission, byRouteMatches, groupRuleReason, dialedMatch, routeLevelReached: true);
    }

    private ArraySegment<int> GroupList(int group) => new(_groupLists, _groupStart[group], _groupStart[group + 1] - _groupStart[group]);

    private ArraySegment<int> RouteList(int route) => new(_routeLists, _routeStart[route], _routeStart[route + 1] - _routeStart[route]);

    private static (int[] Lists, int[] Start) Flatten(int[][] lists)
    {
        var start = new int[lists.Length + 1];
        for (var i = 0; i < lists.Length; i++)
        {
            start[i + 1] = start[i] + lists[i].Length;
        }

        return ([.. lists.SelectMany(l => l)], start);
    }

    /// <summary>Whether a permission matching the dialed number names one of <paramref name="routes"/>.</summary>
    private bool AnyRoutePermission(int dialedMatch, ReadOnlySpan<int> routes)
    {
        var named = MatchRoutes(dialedMatch);
        if (named.IsEmpty)
        {
            return false;
        }

        foreach (var route in routes)
        {
            if (named.BinarySearch(route) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The route level for a number and a route, from the precomputed results.</summary>
    private LevelResult RouteLevel(int dialedMatch, int routeIndex)
    {
        var start = _matchRouteStart[dialedMatch];
        var i = MatchRoutes(dialedMatch).BinarySearch(routeIndex);
        if (i < 0)
        {
            return default; // no permission matching the number names this route
        }

        var result = _matchRouteResults[start + i];
        var outcome = (PermissionOutcome)(result & 3);
        return outcome == PermissionOutcome.None ? default : new LevelResult(outcome, _permissions[result >> 2]);
    }

    private ReadOnlySpan<int> MatchRoutes(int matchId) =>
        _matchRoutes.AsSpan(_matchRouteStart[matchId], _matchRouteStart[matchId + 1] - _matchRouteStart[matchId]);

    /// <summary>One level: any allow wins; else a deny without password refuses; else every deny has a password and one opens the call.</summary>
    public LevelResult Level(PermissionMatches matches)
    {
        var firstHardDeny = -1;
        var firstDeny = -1;
        while (matches.MoveNext(out var index))
        {
            var flags = _flags[index];
            if ((flags & AllowFlag) != 0)
            {
                return new LevelResult(PermissionOutcome.Allowed, _permissions[index]);
            }

            if (firstDeny < 0)
            {
                firstDeny = index;
            }

            if (firstHardDeny < 0 && (flags & PasswordFlag) == 0)
            {
                firstHardDeny = index;
            }
        }

        return firstHardDeny >= 0 ? new LevelResult(PermissionOutcome.Denied, _permissions[firstHardDeny])
            : firstDeny >= 0 ? new LevelResult(PermissionOutcome.Challenged, _permissions[firstDeny])
            : default;
    }

    /// <summary>
    /// Whether a call whose first route passed the route level may fail over to route <paramref name="routeIndex"/>:
    /// that route's own permissions must let it through as well (a fail-over route is no way around a route
    /// permission). A route that asks for a password qualifies only when every password the caller could have
    /// entered for the first route opens it too.
    /// </summary>
    public bool PermitsFailover(in PermissionVerdict verdict, int routeIndex)
    {
        switch (RouteLevel(verdict.DialedMatch, routeIndex).Outcome)
        {
            case PermissionOutcome.None or PermissionOutcome.Allowed:
                return true;
            case PermissionOutcome.Challenged when verdict is { Outcome: PermissionOutcome.Unlocked, Level: PermissionLevel.Route }:
                var matches = new PermissionMatches(this, verdict.DialedMatch, RouteList(routeIndex));
                var asked = verdict.Matches.Restart();
                while (asked.MoveNext(out var index))
                {
                    if (!matches.Contains(index))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
