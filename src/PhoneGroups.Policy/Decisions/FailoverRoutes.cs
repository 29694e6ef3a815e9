using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Decisions;

/// <summary>
/// The routes to try, in order, when the chosen one fails: the other matching routes the caller may use.
/// Computed while enumerating from prebuilt arrays, so it costs nothing when the first route works.
/// </summary>
public readonly struct FailoverRoutes : IEnumerable<RouteGrant>
{
    private readonly int[]? _matchingRoutes;   // route indexes that match the number, ascending
    private readonly int _start;               // first index in _matchingRoutes after the chosen route
    private readonly RouteGrant[]? _openGrants;
    private readonly GroupInfo? _group;
    private readonly bool _ignoreGrants;       // emergency calls may use any matching route
    private readonly PermissionTable? _permissions; // set when route permissions count for fail-over routes too
    private readonly PermissionVerdict _verdict;
    private readonly RouteGrant[]? _grants;    // or: the grants themselves, already resolved (emergency calls: no grant or permission filters them)

    internal FailoverRoutes(int[] matchingRoutes, int start, RouteGrant[] openGrants, GroupInfo? group, bool ignoreGrants,
        PermissionTable? permissions = null, PermissionVerdict verdict = default)
    {
        _matchingRoutes = matchingRoutes;
        _start = start;
        _openGrants = openGrants;
        _group = group;
        _ignoreGrants = ignoreGrants;
        _permissions = permissions;
        _verdict = verdict;
    }

    internal FailoverRoutes(RouteGrant[] grants, int start)
    {
        _grants = grants;
        _start = start;
    }

    /// <summary>How many fail-over routes there are (walks the list).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var unused in this)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>Enumerates without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<RouteGrant> IEnumerable<RouteGrant>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The grant a caller of <paramref name="group"/> uses on route <paramref name="routeIndex"/>: the group's own
    /// (with its caller ID) when it lists the route; else the plain route when the group does not restrict routes
    /// or when grants are ignored (emergency).
    /// </summary>
    internal static RouteGrant? Resolve(int routeIndex, RouteGrant[] openGrants, GroupInfo? group, bool ignoreGrants)
    {
        if (group is { ListsRoutes: true })
        {
            if (group.TryGetGrant(routeIndex, out var grant))
            {
                return grant;
            }

            return ignoreGrants ? openGrants[routeIndex] : null;
        }

        return openGrants[routeIndex];
    }

    /// <summary>Walks the matching routes after the chosen one, skipping those the caller may not use (grants, route permissions).</summary>
    public struct Enumerator : IEnumerator<RouteGrant>
    {
        private readonly FailoverRoutes _routes;
        private int _next;

        internal Enumerator(FailoverRoutes routes)
        {
            _routes = routes;
            _next = routes._start;
            Current = null!;
        }

        /// <inheritdoc />
        public RouteGrant Current { get; private set; }

        readonly object System.Collections.IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext()
        {
            if (_routes._grants is { } grants)
            {
                if (_next >= grants.Length)
                {
                    return false;
                }

                Current = grants[_next++];
                return true;
            }

            var matching = _routes._matchingRoutes;
            if (matching is null)
            {
                return false;
            }

            while (_next < matching.Length)
            {
                var grant = Resolve(matching[_next++], _routes._openGrants!, _routes._group, _routes._ignoreGrants);
                if (grant is not null && (_routes._permissions is null || _routes._permissions.PermitsFailover(_routes._verdict, grant.Route.Index)))
                {
                    Current = grant;
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc />
        public void Reset() => _next = _routes._start;

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
