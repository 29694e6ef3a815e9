using System.Globalization;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Loading.Yaml;
using PhoneGroups.Policy.Permissions;
using YamlDotNet.Core;

namespace PhoneGroups.Policy.Loading;

/// <summary>
/// Reads the YAML into a <see cref="PolicyDocument"/>, checking shape and types: unknown keys, wrong types,
/// missing required values, the version. Cross-references are left to <see cref="PolicyValidator"/>.
/// </summary>
internal sealed class YamlPolicyReader(PolicyErrorList errors)
{
    public const int SupportedVersion = 1;

    public PolicyDocument? Read(string text)
    {
        List<YamlNode> documents;
        try
        {
            documents = YamlTreeLoader.Load(text);
        }
        catch (YamlException e)
        {
            errors.Add((int)e.Start.Line, (int)e.Start.Column, string.Empty, CleanMessage(e));
            return null;
        }

        if (documents.Count == 0 || YamlMap.IsNull(documents[0]))
        {
            errors.Add(1, 1, string.Empty, $"the file is empty; a policy starts with 'version: {SupportedVersion}'");
            return null;
        }

        if (documents.Count > 1)
        {
            errors.Add(YamlMap.Locate(documents[1], string.Empty), "a policy file holds one YAML document; remove the '---' separator");
        }

        if (YamlMap.From(documents[0], string.Empty, errors) is not { } root)
        {
            return null;
        }

        var document = new PolicyDocument { SourceName = errors.SourceName };
        ReadVersion(root);
        if (root.Take("settings") is { } settings && !YamlMap.IsNull(settings))
        {
            document.Settings = ReadSettings(settings);
        }

        foreach (var (node, field) in Sequence(root, "extensions"))
        {
            if (ReadExtension(node, field) is { } extension)
            {
                document.Extensions.Add(extension);
            }
        }

        foreach (var (node, field) in Sequence(root, "groups"))
        {
            if (YamlMap.From(node, field, errors) is { } group)
            {
                document.Groups.Add(ReadGroup(group));
            }
        }

        foreach (var (node, field) in Sequence(root, "routes"))
        {
            if (YamlMap.From(node, field, errors) is { } route)
            {
                document.Routes.Add(ReadRoute(route));
            }
        }

        foreach (var (node, field) in Sequence(root, "permissions"))
        {
            if (YamlMap.From(node, field, errors) is { } permission)
            {
                document.Permissions.Add(ReadPermission(permission));
            }
        }

        root.RejectUnknownKeys("version", "settings", "extensions", "groups", "routes", "permissions");
        return document;
    }

    private void ReadVersion(YamlMap root)
    {
        var node = root.Take("version");
        if (node is null || YamlMap.IsNull(node))
        {
            errors.Add(root.Location with { Field = "version" }, $"the version is missing; start the file with 'version: {SupportedVersion}'");
        }
        else if (node is not YamlScalar { Value: var value }
            || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version != SupportedVersion)
        {
            errors.Add(YamlMap.Locate(node, "version"), $"unsupported version {YamlMap.Describe(node)}; this program reads version {SupportedVersion}");
        }
    }

    private SettingsDocument ReadSettings(YamlNode node)
    {
        var settings = new SettingsDocument();
        if (YamlMap.From(node, "settings", errors) is not { } map)
        {
            return settings;
        }

        settings.DefaultLanguage = String(map, "defaultLanguage");
        if (map.Take("emergencyNumbers") is { } emergency && !YamlMap.IsNull(emergency))
        {
            settings.EmergencyNumbers = [.. Strings(emergency, map.FieldOf("emergencyNumbers"))];
        }

        if (String(map, "unknownCallers") is { } unknown)
        {
            settings.UnknownCallers = unknown.Value.ToLowerInvariant() switch
            {
                "internal-only" => UnknownCallerMode.InternalOnly,
                "deny" => UnknownCallerMode.Deny,
                "allow" => UnknownCallerMode.Allow,
                _ => Invalid(unknown.Location, $"expected internal-only, deny or allow, found '{unknown.Value}'", UnknownCallerMode.InternalOnly),
            };
        }

        map.RejectUnknownKeys("defaultLanguage", "emergencyNumbers", "unknownCallers");
        return settings;
    }

    /// <summary>An extension is written as its number or as <c>{ number, endpoint, language }</c>.</summary>
    private ExtensionDocument? ReadExtension(YamlNode node, string field)
    {
        if (node is YamlScalar scalar && !YamlMap.IsNull(node))
        {
            return new ExtensionDocument { Number = new Located<string>(scalar.Value, YamlMap.Locate(node, field)) };
        }

        if (node is not YamlMapping || YamlMap.From(node, field, errors) is not { } map)
        {
            errors.Add(YamlMap.Locate(node, field), $"expected an extension number or {{ number: ... }}, found {YamlMap.Describe(node)}");
            return null;
        }

        var extension = new ExtensionDocument
        {
            Number = RequiredString(map, "number"),
            Endpoint = String(map, "endpoint"),
            Language = String(map, "language"),
            Pin = String(map, "pin"),
        };
        map.RejectUnknownKeys("number", "endpoint", "language", "pin");
        return extension;
    }

    private GroupDocument ReadGroup(YamlMap map)
    {
        var group = new GroupDocument
        {
            Name = RequiredString(map, "name"),
            Description = String(map, "description")?.Value,
            IsDefault = Bool(map, "default"),
            IsIsolated = Bool(map, "isolated")?.Value ?? false,
            IsPickupIsolated = Bool(map, "pickupIsolated")?.Value ?? false,
            Language = String(map, "language"),
            EmergencyCallerId = String(map, "emergencyCallerId"),
        };
        if (map.Take("allow") is { } allow && !YamlMap.IsNull(allow))
        {
            group.Allow.AddRange(Strings(allow, map.FieldOf("allow")));
        }

        foreach (var (node, field) in Sequence(map, "members"))
        {
            if (ReadExtension(node, field) is { } member)
            {
                group.Members.Add(member);
            }
        }

        if (map.Take("routes") is { } routes)
        {
            group.Routes = ReadGrants(routes, map.FieldOf("routes"));
        }

        map.RejectUnknownKeys("name", "description", "default", "isolated", "pickupIsolated", "allow", "language", "members", "routes", "emergencyCallerId");
        return group;
    }

    /// <summary>A group's <c>routes</c>: names, or <c>{ name, callerId }</c>. Absent means every route; <c>[]</c> means none.</summary>
    private List<RouteGrantDocument> ReadGrants(YamlNode node, string field)
    {
        var grants = new List<RouteGrantDocument>();
        if (YamlMap.IsNull(node))
        {
            errors.Add(YamlMap.Locate(node, field), "write [] for no outbound routes, or remove the key to allow every route");
            return grants;
        }

        foreach (var (item, itemField) in Items(node, field))
        {
            if (item is YamlScalar scalar && !YamlMap.IsNull(item))
            {
                grants.Add(new RouteGrantDocument { Name = new Located<string>(scalar.Value, YamlMap.Locate(item, itemField)) });
            }
            else if (item is YamlMapping && YamlMap.From(item, itemField, errors) is { } map)
            {
                grants.Add(new RouteGrantDocument { Name = RequiredString(map, "name"), CallerId = String(map, "callerId") });
                map.RejectUnknownKeys("name", "callerId");
            }
            else
            {
                errors.Add(YamlMap.Locate(item, itemField), $"expected a route name or {{ name: ..., callerId: ... }}, found {YamlMap.Describe(item)}");
            }
        }

        return grants;
    }

    private RouteDocument ReadRoute(YamlMap map)
    {
        var route = new RouteDocument
        {
            Name = RequiredString(map, "name"),
            Dial = String(map, "dial"),
            Context = String(map, "context"),
            Prefix = String(map, "prefix"),
        };
        if (map.Take("patterns") is { } patterns && !YamlMap.IsNull(patterns))
        {
            route.Patterns.AddRange(Strings(patterns, map.FieldOf("patterns")));
        }

        if (map.Take("strip") is { } strip && !YamlMap.IsNull(strip))
        {
            if (strip is YamlScalar { Value: var text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                route.Strip = value;
            }
            else
            {
                errors.Add(YamlMap.Locate(strip, map.FieldOf("strip")), $"expected a whole number of digits to strip, found {YamlMap.Describe(strip)}");
            }
        }

        map.RejectUnknownKeys("name", "patterns", "dial", "context", "strip", "prefix");
        return route;
    }

    /// <summary>An entry of <c>permissions</c>; targets, patterns and passwords are checked by <see cref="PermissionValidator"/>.</summary>
    private PermissionDocument ReadPermission(YamlMap map)
    {
        var permission = new PermissionDocument
        {
            Location = map.Location,
            Name = RequiredString(map, "name"),
            Description = String(map, "description")?.Value,
            Enabled = Bool(map, "enabled"),
            Password = String(map, "password"),
            AccountCode = String(map, "accountCode"),
        };
        if (String(map, "mode") is { } mode)
        {
            permission.Mode = mode.Value.ToLowerInvariant() switch
            {
                "deny" => PermissionMode.Deny,
                "allow" => PermissionMode.Allow,
                _ => Invalid(mode.Location, $"expected deny or allow, found '{mode.Value}'", PermissionMode.Deny),
            };
        }

        foreach (var (key, list) in new[] { ("numbers", permission.Numbers), ("users", permission.Users), ("groups", permission.Groups), ("routes", permission.Routes) })
        {
            if (map.Take(key) is { } node && !YamlMap.IsNull(node))
            {
                list.AddRange(Strings(node, map.FieldOf(key)));
            }
        }

        if (map.Take("incoming") is { } incoming && !YamlMap.IsNull(incoming))
        {
            permission.IncomingLocation = YamlMap.Locate(incoming, map.FieldOf("incoming"));
            permission.Incoming = [.. Strings(incoming, map.FieldOf("incoming"))];
        }

        map.RejectUnknownKeys("name", "description", "mode", "numbers", "users", "groups", "routes", "incoming", "password", "accountCode", "enabled");
        return permission;
    }

    private IEnumerable<(YamlNode Node, string Field)> Sequence(YamlMap map, string key)
    {
        var node = map.Take(key);
        return node is null || YamlMap.IsNull(node) ? [] : Items(node, map.FieldOf(key));
    }

    private List<(YamlNode Node, string Field)> Items(YamlNode node, string field)
    {
        if (node is not YamlSequence sequence)
        {
            errors.Add(YamlMap.Locate(node, field), $"expected a list, found {YamlMap.Describe(node)}");
            return [];
        }

        return [.. sequence.Items.Select((item, i) => (item, $"{field}[{i}]"))];
    }

    private IEnumerable<Located<string>> Strings(YamlNode node, string field)
    {
        foreach (var (item, itemField) in Items(node, field))
        {
            if (item is YamlScalar { Value: { } value } && !YamlMap.IsNull(item))
            {
                yield return new Located<string>(value, YamlMap.Locate(item, itemField));
            }
            else
            {
                errors.Add(YamlMap.Locate(item, itemField), $"expected a text value, found {YamlMap.Describe(item)}");
            }
        }
    }

    private Located<string>? String(YamlMap map, string key)
    {
        var node = map.Take(key);
        if (node is null || YamlMap.IsNull(node))
        {
            return null;
        }

        if (node is YamlScalar { Value: { } value })
        {
            return new Located<string>(value, YamlMap.Locate(node, map.FieldOf(key)));
        }

        errors.Add(YamlMap.Locate(node, map.FieldOf(key)), $"expected a text value, found {YamlMap.Describe(node)}");
        return null;
    }

    /// <summary>A value that must be there; when it is not, the error is reported and an empty placeholder returned.</summary>
    private Located<string> RequiredString(YamlMap map, string key)
    {
        var present = map.Take(key) is { } node && !YamlMap.IsNull(node);
        if (String(map, key) is { } value)
        {
            return value;
        }

        var location = map.Location with { Field = map.FieldOf(key) };
        if (!present)
        {
            errors.Add(location, $"'{key}' is required");
        }

        return new Located<string>(string.Empty, location);
    }

    private Located<bool>? Bool(YamlMap map, string key)
    {
        var node = map.Take(key);
        if (node is null || YamlMap.IsNull(node))
        {
            return null;
        }

        var location = YamlMap.Locate(node, map.FieldOf(key));
        if (node is YamlScalar { Value: var text } && bool.TryParse(text, out var value))
        {
            return new Located<bool>(value, location);
        }

        errors.Add(location, $"expected true or false, found {YamlMap.Describe(node)}");
        return null;
    }

    private T Invalid<T>(SourceLocation location, string message, T fallback)
    {
        errors.Add(location, message);
        return fallback;
    }

    /// <summary>YamlDotNet repeats the position inside its messages; the error already carries it.</summary>
    private static string CleanMessage(YamlException e)
    {
        var message = e.Message;
        var position = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && position >= 0 ? message[(position + 3)..] : message;
    }
}
