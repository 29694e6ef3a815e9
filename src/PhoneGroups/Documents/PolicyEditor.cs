using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PhoneGroups.Documents;

/// <summary>
/// The group, extension and route edits the API offers, made on the policy as a document
/// (<see cref="PolicyTree"/>): sections and keys this code does not know are left as they are. Each method
/// returns the one-line summary the revision records. Whatever an edit produces is then validated whole by
/// the policy loader; the editor only enforces what the loader cannot know (where members go).
/// </summary>
public sealed class PolicyEditor(JsonObject root)
{
    /// <summary>Fields the API shows but never reads back.</summary>
    public static readonly string[] ReadOnlyGroupFields = ["memberCount"];

    /// <summary>The edited document.</summary>
    public JsonObject Root { get; } = root;

    /// <summary>The <c>groups</c> list (created when missing).</summary>
    public JsonArray Groups => List("groups");

    /// <summary>The top-level <c>extensions</c> list: extensions no group lists (they belong to the default group).</summary>
    public JsonArray Extensions => List("extensions");

    /// <summary>The <c>routes</c> list.</summary>
    public JsonArray Routes => List("routes");

    /// <summary>The <c>permissions</c> list.</summary>
    public JsonArray Permissions => List("permissions");

    /// <summary>The permission named <paramref name="name"/> (ignoring case), or null.</summary>
    public JsonObject? FindPermission(string name) => Permissions.OfType<JsonObject>().FirstOrDefault(p => NameEquals(p, name));

    /// <summary>The group named <paramref name="name"/> (ignoring case), or null.</summary>
    public JsonObject? FindGroup(string name) => Groups.OfType<JsonObject>().FirstOrDefault(g => NameEquals(g, name));

    /// <summary>The route named <paramref name="name"/> (ignoring case), or null.</summary>
    public JsonObject? FindRoute(string name) => Routes.OfType<JsonObject>().FirstOrDefault(r => NameEquals(r, name));

    /// <summary>The default group, or null.</summary>
    public JsonObject? DefaultGroup => Groups.OfType<JsonObject>().FirstOrDefault(g => g["default"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);

    /// <summary>Replaces the whole document (a JSON <c>PUT /policy</c>); the same document again changes nothing.</summary>
    public string ReplaceAll(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        document = (JsonObject)document.DeepClone();
        PolicySecrets.KeepAll(Root, document); // what GET /policy showed (secrets hidden) keeps them
        Root.Clear();
        foreach (var (key, value) in document)
        {
            Root[key] = value?.DeepClone();
        }

        return "policy replaced";
    }

    /// <summary>Adds a group; its members leave the groups they were in.</summary>
    public string CreateGroup(JsonObject group)
    {
        group = (JsonObject)group.DeepClone(); // the caller's node stays usable for a retry
        var name = RequireName(group);
        if (FindGroup(name) is { } existing)
        {
            throw EditException.Conflict($"a group named '{NameOf(existing)}' exists (names are unique ignoring case)");
        }

        Prepare(group);
        TakeMembers(group, except: null);
        Groups.Add(group);
        KeepOneDefault(group);
        return $"group {name} created";
    }

    /// <summary>Replaces a group (it may be renamed); members it no longer lists move to the default group.</summary>
    public string ReplaceGroup(string name, JsonObject group)
    {
        group = (JsonObject)group.DeepClone(); // the caller's node stays usable for a retry
        var old = FindGroup(name) ?? throw EditException.NotFound($"no group named '{name}'");
        var newName = RequireName(group);
        if (FindGroup(newName) is { } other && other != old)
        {
            throw EditException.Conflict($"a group named '{NameOf(other)}' exists (names are unique ignoring case)");
        }

        Prepare(group);
        var kept = new HashSet<string>(MemberNumbers(group), StringComparer.Ordinal);
        var leaving = Members(old).Where(m => !kept.Contains(NumberOf(m))).ToList();
        TakeMembers(group, except: old);
        var index = Groups.IndexOf(old);
        Groups[index] = group;
        KeepOneDefault(group);
        if (leaving.Count > 0)
        {
            ToDefaultGroup(leaving, $"group {NameOf(old)} no longer lists {string.Join(", ", leaving.Select(NumberOf))}");
        }

        return string.Equals(NameOf(old), newName, StringComparison.Ordinal) ? $"group {newName} changed" : $"group {NameOf(old)} changed and renamed {newName}";
    }

    /// <summary>Deletes a group; its members move to the default group. The default group itself cannot go.</summary>
    public string DeleteGroup(string name)
    {
        var group = FindGroup(name) ?? throw EditException.NotFound($"no group named '{name}'");
        if (group == DefaultGroup)
        {
            throw EditException.Conflict($"'{NameOf(group)}' is the default group: make another group the default first (PUT /api/v1/groups/default)");
        }

        var members = Members(group).ToList();
        Groups.Remove(group);
        ToDefaultGroup(members, $"group {NameOf(group)} has members");
        return members.Count == 0 ? $"group {NameOf(group)} deleted" : $"group {NameOf(group)} deleted; {members.Count} members moved to {NameOf(DefaultGroup!)}";
    }

    /// <summary>Makes <paramref name="name"/> the default group.</summary>
    public string SetDefault(string name)
    {
        var group = FindGroup(name) ?? throw EditException.NotFound($"no group named '{name}'");
        group["default"] = true;
        KeepOneDefault(group);
        return $"default group is {NameOf(group)}";
    }

    /// <summary>Puts extension <paramref name="number"/> in <paramref name="groupName"/>, keeping its endpoint and language; creates it when the policy does not list it.</summary>
    public string MoveExtension(string number, string groupName)
    {
        var group = FindGroup(groupName) ?? throw EditException.Invalid("group", $"no group named '{groupName}'");
        var entry = RemoveExtension(number) ?? JsonValue.Create(number);
        List(group, "members").Add(entry);
        return $"extension {number} moved to {NameOf(group)}";
    }

    /// <summary>Removes extension <paramref name="number"/> from the policy.</summary>
    public string DeleteExtension(string number)
    {
        _ = RemoveExtension(number) ?? throw EditException.NotFound($"the policy does not list extension '{number}'");
        return $"extension {number} deleted";
    }

    /// <summary>Adds a route at the end (routes are tried in order).</summary>
    public string CreateRoute(JsonObject route)
    {
        route = (JsonObject)route.DeepClone();
        var name = RequireName(route);
        if (FindRoute(name) is { } existing)
        {
            throw EditException.Conflict($"a route named '{NameOf(existing)}' exists (names are unique ignoring case)");
        }

        Routes.Add(route);
        return $"route {name} created";
    }

    /// <summary>Replaces a route in place; a rename renames the groups' grants too.</summary>
    public string ReplaceRoute(string name, JsonObject route)
    {
        route = (JsonObject)route.DeepClone();
        var old = FindRoute(name) ?? throw EditException.NotFound($"no route named '{name}'");
        var newName = RequireName(route);
        if (FindRoute(newName) is { } other && other != old)
        {
            throw EditException.Conflict($"a route named '{NameOf(other)}' exists (names are unique ignoring case)");
        }

        var oldName = NameOf(old);
        Routes[Routes.IndexOf(old)] = route;
        if (!string.Equals(oldName, newName, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var grants in Groups.OfType<JsonObject>().Select(g => g["routes"]).OfType<JsonArray>())
            {
                for (var i = 0; i < grants.Count; i++)
                {
                    if (GrantName(grants[i]) is { } granted && string.Equals(granted, oldName, StringComparison.OrdinalIgnoreCase))
                    {
                        if (grants[i] is JsonObject grant)
                        {
                            grant["name"] = newName;
                        }
                        else
                        {
                            grants[i] = newName;
                        }
                    }
                }
            }
        }

        return $"route {newName} changed";
    }

    /// <summary>Deletes a route that no group is granted.</summary>
    public string DeleteRoute(string name)
    {
        var route = FindRoute(name) ?? throw EditException.NotFound($"no route named '{name}'");
        var granted = Groups.OfType<JsonObject>()
            .Where(g => g["routes"] is JsonArray grants && grants.Any(grant => string.Equals(GrantName(grant), NameOf(route), StringComparison.OrdinalIgnoreCase)))
            .Select(NameOf).ToList();
        if (granted.Count > 0)
        {
            throw EditException.Conflict($"route '{NameOf(route)}' is granted to {string.Join(", ", granted)}: remove it from their routes first");
        }

        Routes.Remove(route);
        return $"route {NameOf(route)} deleted";
    }

    /// <summary>Adds a permission at the end (the first matching one in policy order is named in decisions).</summary>
    public string CreatePermission(JsonObject permission)
    {
        permission = (JsonObject)permission.DeepClone();
        var name = RequireName(permission);
        if (FindPermission(name) is { } existing)
        {
            throw EditException.Conflict($"a permission named '{NameOf(existing)}' exists (names are unique ignoring case)");
        }

        PolicySecrets.KeepPassword(null, permission);
        Permissions.Add(permission);
        return $"permission {name} created";
    }

    /// <summary>Replaces a permission in place (it may be renamed); a password left out is kept, <c>null</c> clears it.</summary>
    public string ReplacePermission(string name, JsonObject permission)
    {
        permission = (JsonObject)permission.DeepClone();
        var old = FindPermission(name) ?? throw EditException.NotFound($"no permission named '{name}'");
        var newName = RequireName(permission);
        if (FindPermission(newName) is { } other && other != old)
        {
            throw EditException.Conflict($"a permission named '{NameOf(other)}' exists (names are unique ignoring case)");
        }

        PolicySecrets.KeepPassword(old, permission);
        Permissions[Permissions.IndexOf(old)] = permission;
        return string.Equals(NameOf(old), newName, StringComparison.Ordinal) ? $"permission {newName} changed" : $"permission {NameOf(old)} changed and renamed {newName}";
    }

    /// <summary>Deletes a permission.</summary>
    public string DeletePermission(string name)
    {
        var permission = FindPermission(name) ?? throw EditException.NotFound($"no permission named '{name}'");
        Permissions.Remove(permission);
        return $"permission {NameOf(permission)} deleted";
    }

    /// <summary>The number of an extension entry: <c>"1001"</c>, <c>1001</c> or <c>{number: "1001"}</c>.</summary>
    public static string NumberOf(JsonNode? entry) => entry switch
    {
        JsonObject obj => Text(obj["number"]),
        _ => Text(entry),
    };

    /// <summary>A group's or route's name.</summary>
    public static string NameOf(JsonObject node) => Text(node["name"]);

    private static string Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : string.Empty;

    private static bool NameEquals(JsonObject node, string name) => string.Equals(NameOf(node), name, StringComparison.OrdinalIgnoreCase);

    private static string? GrantName(JsonNode? grant) => grant is JsonObject obj ? Text(obj["name"]) : grant is JsonValue ? Text(grant) : null;

    private static string RequireName(JsonObject node)
    {
        var name = NameOf(node);
        return string.IsNullOrWhiteSpace(name) ? throw EditException.Invalid("name", "name is required") : name;
    }

    /// <summary>Drops the fields the API adds for reading; members' PINs left out are kept.</summary>
    private void Prepare(JsonObject group)
    {
        foreach (var field in ReadOnlyGroupFields)
        {
            group.Remove(field);
        }

        if (group["members"] is JsonArray members)
        {
            PolicySecrets.KeepPins(Root, [members]);
        }
    }

    private static IEnumerable<JsonNode?> Members(JsonObject group) => group["members"] is JsonArray members ? members : [];

    private static IEnumerable<string> MemberNumbers(JsonObject group) => Members(group).Select(NumberOf);

    /// <summary>Listing an extension in a group moves it out of wherever it was.</summary>
    private void TakeMembers(JsonObject group, JsonObject? except)
    {
        var numbers = new HashSet<string>(MemberNumbers(group), StringComparer.Ordinal);
        if (numbers.Count == 0)
        {
            return;
        }

        if (Root["extensions"] is JsonArray topLevel)
        {
            RemoveWhere(topLevel, numbers); // not Extensions: that would add an empty list, a change by itself
        }

        foreach (var other in Groups.OfType<JsonObject>().Where(g => g != except && g != group))
        {
            if (other["members"] is JsonArray members)
            {
                RemoveWhere(members, numbers);
            }
        }
    }

    /// <summary>Extensions that leave a group go to the top-level list, which is the default group's.</summary>
    private void ToDefaultGroup(List<JsonNode?> members, string why)
    {
        if (members.Count == 0)
        {
            return;
        }

        if (DefaultGroup is null)
        {
            throw EditException.Conflict($"{why}, and there is no default group to move them to: make a group the default first");
        }

        foreach (var member in members)
        {
            member?.Parent?.AsArray().Remove(member);
            Extensions.Add(member);
        }
    }

    private void KeepOneDefault(JsonObject group)
    {
        if (group["default"] is JsonValue v && v.TryGetValue<bool>(out var isDefault) && isDefault)
        {
            foreach (var other in Groups.OfType<JsonObject>().Where(g => g != group))
            {
                other.Remove("default");
            }
        }
    }

    private JsonNode? RemoveExtension(string number)
    {
        foreach (var list in Groups.OfType<JsonObject>().Select(g => g["members"]).OfType<JsonArray>().Append(Extensions))
        {
            var entry = list.FirstOrDefault(e => NumberOf(e) == number);
            if (entry is not null)
            {
                list.Remove(entry);
                return entry;
            }
        }

        return null;
    }

    private static void RemoveWhere(JsonArray list, HashSet<string> numbers)
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (numbers.Contains(NumberOf(list[i])))
            {
                list.RemoveAt(i);
            }
        }
    }

    private JsonArray List(string key) => List(Root, key);

    private static JsonArray List(JsonObject parent, string key)
    {
        if (parent[key] is JsonArray list)
        {
            return list;
        }

        list = [];
        parent[key] = list;
        return list;
    }

    /// <summary>For summaries: a count in words.</summary>
    internal static string Count(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
