using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Permissions;

/// <summary>Turns the validated <c>permissions</c> and <c>pin</c>s into a <see cref="PermissionTable"/>.</summary>
internal static class PermissionCompiler
{
    /// <exception cref="PatternSetTooLargeException">The permissions' patterns need a larger automaton than allowed.</exception>
    public static PermissionTable Compile(PolicyDocument document, Dictionary<string, ExtensionInfo> extensions, GroupInfo[] groups,
        RouteInfo[] routes, Func<string, AsteriskPattern> pattern)
    {
        var groupsByName = groups.ToDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);
        var routesByName = routes.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var permissions = document.Permissions.Select((p, i) => new PermissionInfo(i, p.Name.Value, p.Description, p.Mode,
            p.Enabled?.Value ?? true,
            [.. p.Numbers.Select(n => pattern(n.Value))],
            [.. p.Users.Select(u => extensions[u.Value])],
            [.. p.Groups.Select(g => groupsByName[g.Value])],
            [.. p.Routes.Select(r => routesByName[r.Value])],
            p.Incoming is null ? null : [.. p.Incoming.Select(n => pattern(n.Value))],
            p.Password?.Value,
            p.AccountCode?.Value)).ToArray();

        var byUser = new Dictionary<ExtensionInfo, List<int>>();
        var byGroup = groups.Select(_ => new List<int>()).ToArray();
        var byRoute = routes.Select(_ => new List<int>()).ToArray();
        var builder = new PatternSetBuilder();
        var count = permissions.Length;
        var anyEnabled = false;
        foreach (var permission in permissions.Where(p => p.IsEnabled))
        {
            anyEnabled = true;
            foreach (var user in permission.Users)
            {
                if (!byUser.TryGetValue(user, out var list))
                {
                    byUser.Add(user, list = []);
                }

                list.Add(permission.Index);
            }

            permission.Groups.ToList().ForEach(g => byGroup[g.Index].Add(permission.Index));
            permission.Routes.ToList().ForEach(r => byRoute[r.Index].Add(permission.Index));

            // An incoming permission's `incoming` is matched against the dialed number, its `numbers` against the caller's.
            var dialedSide = permission.IsIncoming ? permission.Incoming : permission.Numbers;
            foreach (var dialed in dialedSide)
            {
                builder.Add(dialed, permission.Index);
            }

            if (permission.IsIncoming)
            {
                foreach (var caller in permission.Numbers)
                {
                    builder.Add(caller, count + permission.Index);
                }
            }
        }

        foreach (var extension in document.Groups.SelectMany(g => g.Members).Concat(document.Extensions))
        {
            var info = extensions[extension.Number.Value];
            info.SetPermissions(extension.Pin?.Value, byUser.TryGetValue(info, out var list) ? [.. list] : []);
        }

        if (!anyEnabled)
        {
            return new PermissionTable(permissions, null, [], [.. byGroup.Select(_ => Array.Empty<int>())], [.. byRoute.Select(_ => Array.Empty<int>())]);
        }

        var set = builder.Build();
        var split = new int[set.MatchCount];
        for (var id = 0; id < split.Length; id++)
        {
            var owners = set.GetOwners(id);
            var index = owners.BinarySearch(count);
            split[id] = index >= 0 ? index : ~index; // owners are ascending: dialed-side ones (< count) come first
        }

        return new PermissionTable(permissions, set, split, [.. byGroup.Select(l => l.ToArray())], [.. byRoute.Select(l => l.ToArray())]);
    }
}
