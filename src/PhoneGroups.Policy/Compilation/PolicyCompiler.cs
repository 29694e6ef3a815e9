using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Patterns;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Compilation;

/// <summary>Turns a validated <see cref="PolicyDocument"/> into a <see cref="CompiledPolicy"/>.</summary>
internal static class PolicyCompiler
{
    // Owner ids in the shared automaton: emergency, then one per route, then one per isolated group.
    private const int EmergencyOwner = 0;

    /// <exception cref="PatternSetTooLargeException">The patterns need a larger automaton than allowed.</exception>
    /// <param name="document">A document that passed validation.</param>
    /// <param name="parsedPatterns">Patterns already parsed during validation, by text; shared so equal patterns are one object.</param>
    public static CompiledPolicy Compile(PolicyDocument document, Dictionary<string, AsteriskPattern>? parsedPatterns = null)
    {
        var patternCache = parsedPatterns ?? new Dictionary<string, AsteriskPattern>(StringComparer.Ordinal);
        AsteriskPattern Pattern(string text)
        {
            if (!patternCache.TryGetValue(text, out var pattern))
            {
                pattern = AsteriskPattern.Parse(text);
                patternCache.Add(text, pattern);
            }

            return pattern;
        }

        var routes = document.Routes.Select((r, i) => new RouteInfo(i, r.Name.Value, [.. r.Patterns.Select(p => Pattern(p.Value))],
            r.Dial?.Value, r.Context?.Value, r.Strip, r.Prefix?.Value ?? string.Empty)).ToArray();
        var routesByName = routes.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

        var groups = document.Groups.Select((g, i) => new GroupInfo(i, g.Name.Value, g.Description, g.IsDefault?.Value ?? false,
            g.IsIsolated, g.IsPickupIsolated, [.. g.Allow.Select(p => Pattern(p.Value))], g.Language?.Value,
            g.Routes?.Select(grant => new RouteGrant(routesByName[grant.Name.Value], grant.CallerId?.Value)).ToArray())
        {
            EmergencyCallerId = g.EmergencyCallerId?.Value,
        }).ToArray();

        var extensions = BuildExtensions(document, groups);
        var emergency = (document.Settings.EmergencyNumbers?.Select(e => e.Value) ?? SettingsDocument.DefaultEmergencyNumbers)
            .Select(Pattern).ToArray();

        var builder = new PatternSetBuilder();
        foreach (var pattern in emergency)
        {
            builder.Add(pattern, EmergencyOwner);
        }

        foreach (var route in routes)
        {
            foreach (var pattern in route.Patterns)
            {
                builder.Add(pattern, RouteOwner(route.Index));
            }
        }

        // Allow patterns only ever matter for isolated groups; leaving the others out keeps the automaton small.
        foreach (var group in groups.Where(g => g.IsIsolated))
        {
            foreach (var pattern in group.AllowPatterns)
            {
                builder.Add(pattern, GroupOwner(group.Index, routes.Length));
            }
        }

        var patterns = builder.Build();
        var matches = new MatchInfo[patterns.MatchCount];
        for (var id = 0; id < matches.Length; id++)
        {
            matches[id] = ToMatchInfo(patterns.GetOwners(id), routes.Length);
        }

        var permissions = PermissionCompiler.Compile(document, extensions, groups, routes, Pattern);
        return new CompiledPolicy(document.SourceName, document.Settings.DefaultLanguage?.Value ?? SettingsDocument.DefaultLanguageCode,
            document.Settings.UnknownCallers, emergency, groups, routes, extensions, patterns, matches, permissions);
    }

    private static Dictionary<string, ExtensionInfo> BuildExtensions(PolicyDocument document, GroupInfo[] groups)
    {
        var extensions = new Dictionary<string, ExtensionInfo>(StringComparer.Ordinal);
        var members = groups.Select(_ => new List<ExtensionInfo>()).ToArray();
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var member in document.Groups[g].Members)
            {
                var extension = ToExtension(member, groups[g], isDefaultMember: false);
                extensions.Add(extension.Number, extension);
                members[g].Add(extension);
            }
        }

        var defaultGroup = groups.FirstOrDefault(g => g.IsDefault);
        foreach (var unlisted in document.Extensions)
        {
            var extension = ToExtension(unlisted, defaultGroup, isDefaultMember: defaultGroup is not null);
            extensions.Add(extension.Number, extension);
            if (defaultGroup is not null)
            {
                members[defaultGroup.Index].Add(extension);
            }
        }

        for (var g = 0; g < groups.Length; g++)
        {
            groups[g].SetMembers([.. members[g]]);
        }

        return extensions;
    }

    private static ExtensionInfo ToExtension(ExtensionDocument extension, GroupInfo? group, bool isDefaultMember) =>
        new(extension.Number.Value, extension.Endpoint?.Value ?? $"PJSIP/{extension.Number.Value}", extension.Language?.Value, group, isDefaultMember);

    private static MatchInfo ToMatchInfo(ReadOnlySpan<int> owners, int routeCount)
    {
        if (owners.IsEmpty)
        {
            return MatchInfo.None;
        }

        // Owners are ascending, so they come as: emergency?, routes in route order, then groups in group order.
        var isEmergency = owners[0] == EmergencyOwner;
        var rest = isEmergency ? owners[1..] : owners;
        var firstGroup = 0;
        while (firstGroup < rest.Length && rest[firstGroup] <= routeCount)
        {
            firstGroup++;
        }

        var routes = new int[firstGroup];
        for (var i = 0; i < routes.Length; i++)
        {
            routes[i] = rest[i] - 1;
        }

        var groups = new int[rest.Length - firstGroup];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = rest[firstGroup + i] - 1 - routeCount;
        }

        return new MatchInfo(isEmergency, routes, groups);
    }

    private static int RouteOwner(int routeIndex) => 1 + routeIndex;

    private static int GroupOwner(int groupIndex, int routeCount) => 1 + routeCount + groupIndex;
}
