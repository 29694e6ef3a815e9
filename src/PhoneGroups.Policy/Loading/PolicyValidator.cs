using System.Text.RegularExpressions;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Patterns;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Loading;

/// <summary>
/// Checks what the reader cannot see value by value: numbers listed twice, route names that do not exist,
/// more than one default group, invalid patterns, and the format of numbers, endpoints, languages and dial strings.
/// </summary>
internal sealed partial class PolicyValidator(PolicyErrorList errors)
{
    private const int MaxNameLength = 80;

    /// <summary>Every valid pattern parsed on the way, by text, so compilation does not parse them again.</summary>
    public Dictionary<string, AsteriskPattern> Patterns { get; } = new(StringComparer.Ordinal);

    public void Validate(PolicyDocument document)
    {
        ValidateLanguage(document.Settings.DefaultLanguage);
        var emergency = document.Settings.EmergencyNumbers is { } listed
            ? ValidatePatterns(listed)
            : [.. SettingsDocument.DefaultEmergencyNumbers.Select(AsteriskPattern.Parse)];
        var routeNames = ValidateRoutes(document.Routes);
        ValidateGroups(document.Groups, routeNames);
        ValidateExtensions(document, emergency);
        new PermissionValidator(errors, Patterns).Validate(document);
    }

    private Dictionary<string, Located<string>> ValidateRoutes(List<RouteDocument> routes)
    {
        var names = new Dictionary<string, Located<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var route in routes)
        {
            ValidateUniqueName(route.Name, names, "route");
            if (route.Patterns.Count == 0)
            {
                errors.Add(route.Name.Location with { Field = FieldOf(route.Name, "patterns") }, "a route needs at least one pattern");
            }

            ValidatePatterns(route.Patterns);
            switch (route.Dial, route.Context)
            {
                case (null, null):
                    errors.Add(route.Name.Location with { Field = FieldOf(route.Name, "dial") }, "a route needs either 'dial' (a dial string) or 'context' (a dialplan context)");
                    break;
                case ({ } dial, { } context):
                    errors.Add(context.Location, $"a route has either 'dial' or 'context', not both ('dial' is set at line {dial.Location.Line})");
                    break;
                case ({ } dial, null):
                    ValidateDial(dial);
                    break;
                case (null, { } context) when !ContextFormat().IsMatch(context.Value):
                    errors.Add(context.Location, $"'{context.Value}' is not a dialplan context name (letters, digits, '-', '_' and '.')");
                    break;
            }

            if (route.Strip < 0)
            {
                errors.Add(route.Name.Location with { Field = FieldOf(route.Name, "strip") }, "strip may not be negative");
            }

            if (route.Prefix is { } prefix && !PrefixFormat().IsMatch(prefix.Value))
            {
                errors.Add(prefix.Location, $"'{prefix.Value}' is not a dialable prefix (digits, letters, '*', '#' and '+')");
            }
        }

        return names;
    }

    private void ValidateDial(Located<string> dial)
    {
        if (!DialFormat().IsMatch(dial.Value))
        {
            errors.Add(dial.Location, $"'{dial.Value}' is not a dial string like PJSIP/{{number}}@trunk (technology/resource, no spaces)");
            return;
        }

        var rest = dial.Value.Replace("{number}", string.Empty, StringComparison.Ordinal);
        if (Placeholder().Match(rest) is { Success: true } unknown)
        {
            errors.Add(dial.Location, $"unknown placeholder '{unknown.Value}' in the dial string; only {{number}} is replaced");
        }
        else if (rest.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            errors.Add(dial.Location, "unbalanced '{' or '}' in the dial string; write {number} for the number");
        }
    }

    private void ValidateGroups(List<GroupDocument> groups, Dictionary<string, Located<string>> routeNames)
    {
        var names = new Dictionary<string, Located<string>>(StringComparer.OrdinalIgnoreCase);
        GroupDocument? defaultGroup = null;
        foreach (var group in groups)
        {
            ValidateUniqueName(group.Name, names, "group");
            if (group.IsDefault is { Value: true } isDefault)
            {
                if (defaultGroup is not null)
                {
                    errors.Add(isDefault.Location, $"only one group may be the default, and '{defaultGroup.Name.Value}' already is (line {defaultGroup.IsDefault!.Location.Line})");
                }
                else
                {
                    defaultGroup = group;
                }
            }

            ValidatePatterns(group.Allow);
            ValidateLanguage(group.Language);
            ValidateCallerId(group.EmergencyCallerId);
            ValidateGrants(group, routeNames);
        }
    }

    private void ValidateGrants(GroupDocument group, Dictionary<string, Located<string>> routeNames)
    {
        var granted = new Dictionary<string, Located<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var grant in group.Routes ?? [])
        {
            var name = grant.Name;
            if (name.Value.Length == 0)
            {
                continue; // already reported as missing
            }

            if (!routeNames.ContainsKey(name.Value))
            {
                var suggestion = KeySuggestion.Closest(name.Value, routeNames.Keys);
                var hint = routeNames.Count == 0 ? "the policy defines no routes"
                    : suggestion is not null ? $"did you mean '{suggestion}'?"
                    : $"the routes are: {string.Join(", ", routeNames.Values.Select(n => n.Value))}";
                errors.Add(name.Location, $"unknown route '{name.Value}'; {hint}");
            }
            else if (!granted.TryAdd(name.Value, name))
            {
                errors.Add(name.Location, $"route '{name.Value}' is listed twice for this group (first at line {granted[name.Value].Location.Line})");
            }

            ValidateCallerId(grant.CallerId);
        }
    }

    private void ValidateCallerId(Located<string>? callerId)
    {
        if (callerId is not null && (callerId.Value.Length is 0 or > MaxNameLength || callerId.Value.Any(char.IsControl)))
        {
            errors.Add(callerId.Location, $"a caller ID is 1 to {MaxNameLength} printable characters");
        }
    }

    private void ValidateExtensions(PolicyDocument document, List<AsteriskPattern> emergency)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        // In file order, so the second listing is the one reported, whichever block comes first.
        var all = document.Groups.SelectMany(g => g.Members).Concat(document.Extensions)
            .OrderBy(e => e.Number.Location.Line).ThenBy(e => e.Number.Location.Column);
        foreach (var extension in all)
        {
            var number = extension.Number;
            if (number.Value.Length == 0)
            {
                continue; // already reported as missing
            }

            if (!NumberFormat().IsMatch(number.Value))
            {
                errors.Add(number.Location, $"'{number.Value}' is not an extension number (digits, letters, '*', '#' and '+')");
            }
            else if (seen.TryGetValue(number.Value, out var first))
            {
                errors.Add(number.Location, $"extension {number.Value} is already listed at line {first.Line} ({first.Field}); an extension belongs to one group only");
            }
            else
            {
                seen.Add(number.Value, number.Location);
                if (emergency.FirstOrDefault(p => p.IsMatch(number.Value)) is { } pattern)
                {
                    errors.Add(number.Location, $"extension {number.Value} matches emergency number {pattern.Text}; calls to it would go out as emergency calls");
                }
            }

            if (extension.Endpoint is { } endpoint && !EndpointFormat().IsMatch(endpoint.Value))
            {
                errors.Add(endpoint.Location, $"'{endpoint.Value}' is not an endpoint like PJSIP/{number.Value} (technology/resource, no spaces, ',' or '&')");
            }

            ValidateLanguage(extension.Language);
        }
    }

    private List<AsteriskPattern> ValidatePatterns(List<Located<string>> patterns)
    {
        var parsed = new List<AsteriskPattern>(patterns.Count);
        foreach (var text in patterns)
        {
            if (Patterns.TryGetValue(text.Value, out var pattern) || AsteriskPattern.TryParse(text.Value, out pattern, out var error))
            {
                Patterns.TryAdd(text.Value, pattern);
                parsed.Add(pattern);
            }
            else
            {
                errors.Add(text.Location, $"invalid pattern '{text.Value}': {error}");
            }
        }

        return parsed;
    }

    private void ValidateLanguage(Located<string>? language)
    {
        if (language is not null && !LanguageFormat().IsMatch(language.Value))
        {
            errors.Add(language.Location, $"'{language.Value}' is not a language code like en, de or pt_BR");
        }
    }

    private void ValidateUniqueName(Located<string> name, Dictionary<string, Located<string>> names, string kind)
    {
        if (name.Value.Length == 0)
        {
            return; // already reported as missing
        }

        if (name.Value.Length > MaxNameLength || name.Value.Any(char.IsControl) || name.Value.Trim().Length != name.Value.Length)
        {
            errors.Add(name.Location, $"a {kind} name is 1 to {MaxNameLength} printable characters without leading or trailing spaces");
        }
        else if (!names.TryAdd(name.Value, name))
        {
            errors.Add(name.Location, $"{kind} name '{name.Value}' is already used at line {names[name.Value].Location.Line} (names ignore case)");
        }
    }

    private static string FieldOf(Located<string> name, string key)
    {
        // name.Location.Field is "<route>.name"; the sibling key lives next to it
        var field = name.Location.Field;
        return field.EndsWith(".name", StringComparison.Ordinal) ? field[..^"name".Length] + key : key;
    }

    [GeneratedRegex(@"^[0-9A-Za-z*#+]+$")]
    private static partial Regex NumberFormat();

    [GeneratedRegex(@"^[0-9A-Za-z*#+]*$")]
    private static partial Regex PrefixFormat();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*/[^\s,&]+$")]
    private static partial Regex EndpointFormat();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*/\S+$")]
    private static partial Regex DialFormat();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex ContextFormat();

    [GeneratedRegex(@"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageFormat();
}
