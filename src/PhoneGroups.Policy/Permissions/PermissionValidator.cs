using System.Text.RegularExpressions;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Loading;
using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Permissions;

/// <summary>
/// Checks <c>permissions</c> and the extensions' <c>pin</c>: names, targets, patterns, passwords and account codes.
/// Every error names the line and the field.
/// </summary>
internal sealed partial class PermissionValidator(PolicyErrorList errors, Dictionary<string, AsteriskPattern> patterns)
{
    private const int MaxNameLength = 80;

    public void Validate(PolicyDocument document)
    {
        var extensions = document.Groups.SelectMany(g => g.Members).Concat(document.Extensions).ToList();
        foreach (var extension in extensions)
        {
            if (extension.Pin is { } pin && !SecretFormat().IsMatch(pin.Value))
            {
                errors.Add(pin.Location, "a pin is 2 to 16 of the digits 0-9 and '*' ('#' ends the input on the phone)");
            }
        }

        if (document.Permissions.Count == 0)
        {
            return;
        }

        var numbers = extensions.Select(e => e.Number.Value).ToHashSet(StringComparer.Ordinal);
        var groups = document.Groups.Select(g => g.Name.Value).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var routes = document.Routes.Select(r => r.Name.Value).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var names = new Dictionary<string, Located<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var permission in document.Permissions)
        {
            ValidateName(permission.Name, names);
            ValidateTargets(permission, numbers, groups, routes);
            if (permission.Numbers.Count == 0)
            {
                errors.Add(permission.Location with { Field = Field(permission, "numbers") },
                    permission.Incoming is not null ? "an incoming permission needs 'numbers': the callers' numbers it applies to"
                        : "a permission needs 'numbers': the dialed numbers it applies to");
            }

            ValidatePatterns(permission.Numbers);
            ValidatePatterns(permission.Incoming ?? []);
            ValidateSecret(permission);
        }
    }

    private void ValidateTargets(PermissionDocument permission, HashSet<string> numbers, List<string> groups, List<string> routes)
    {
        var named = permission.Users.Count + permission.Groups.Count + permission.Routes.Count;
        if (permission.Incoming is not null && named > 0)
        {
            errors.Add(permission.IncomingLocation!.Value,
                "'incoming' applies to calls from outside and cannot be combined with users, groups or routes; write two permissions");
        }
        else if (named == 0 && permission.Incoming is not { Count: > 0 })
        {
            errors.Add(permission.Location,
                "a permission needs a target: users, groups or routes (calls from extensions), or incoming (calls from outside)");
        }

        ValidateReferences(permission.Users, "user", name => numbers.Contains(name) ? name : null, null);
        ValidateReferences(permission.Groups, "group", name => groups.Find(g => string.Equals(g, name, StringComparison.OrdinalIgnoreCase)), groups);
        ValidateReferences(permission.Routes, "route", name => routes.Find(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase)), routes);
    }

    /// <summary>Each reference must exist, and appear once.</summary>
    private void ValidateReferences(List<Located<string>> references, string kind, Func<string, string?> find, List<string>? known)
    {
        var seen = new Dictionary<string, Located<string>>(kind == "user" ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var reference in references)
        {
            if (find(reference.Value) is null)
            {
                var hint = kind == "user" ? "it is not an extension of this policy"
                    : known!.Count == 0 ? $"the policy defines no {kind}s"
                    : KeySuggestion.Closest(reference.Value, known) is { } suggestion ? $"did you mean '{suggestion}'?"
                    : $"the {kind}s are: {string.Join(", ", known.Take(10))}{(known.Count > 10 ? ", ..." : string.Empty)}";
                errors.Add(reference.Location, $"unknown {kind} '{reference.Value}'; {hint}");
            }
            else if (!seen.TryAdd(reference.Value, reference))
            {
                errors.Add(reference.Location, $"{kind} '{reference.Value}' is listed twice (first at line {seen[reference.Value].Location.Line})");
            }
        }
    }

    private void ValidateSecret(PermissionDocument permission)
    {
        if (permission.Password is { } password)
        {
            if (!SecretFormat().IsMatch(password.Value))
            {
                errors.Add(password.Location, "a password is 2 to 16 of the digits 0-9 and '*' ('#' ends the input on the phone)");
            }
            else if (permission.Mode == PermissionMode.Allow)
            {
                errors.Add(password.Location, "only a deny permission asks for a password; remove it, or write mode: deny");
            }
        }

        if (permission.AccountCode is { } accountCode)
        {
            if (!AccountCodeFormat().IsMatch(accountCode.Value))
            {
                errors.Add(accountCode.Location, $"an account code is 1 to {MaxNameLength} of letters, digits, '-', '_', '.', '@' and '+'");
            }
            else if (permission.Password is null)
            {
                errors.Add(accountCode.Location, "the account code is set once the password was entered; this permission has no password");
            }
        }
    }

    private void ValidateName(Located<string> name, Dictionary<string, Located<string>> names)
    {
        if (name.Value.Length == 0)
        {
            return; // already reported as missing
        }

        if (name.Value.Length > MaxNameLength || name.Value.Any(char.IsControl) || name.Value.Trim().Length != name.Value.Length)
        {
            errors.Add(name.Location, $"a permission name is 1 to {MaxNameLength} printable characters without leading or trailing spaces");
        }
        else if (!names.TryAdd(name.Value, name))
        {
            errors.Add(name.Location, $"permission name '{name.Value}' is already used at line {names[name.Value].Location.Line} (names ignore case)");
        }
    }

    private void ValidatePatterns(List<Located<string>> texts)
    {
        foreach (var text in texts)
        {
            if (patterns.ContainsKey(text.Value))
            {
                continue;
            }

            if (AsteriskPattern.TryParse(text.Value, out var pattern, out var error))
            {
                patterns.Add(text.Value, pattern);
            }
            else
            {
                errors.Add(text.Location, $"invalid pattern '{text.Value}': {error}");
            }
        }
    }

    private static string Field(PermissionDocument permission, string key) => $"{permission.Location.Field}.{key}";

    // '#' ends the digits on the phone, so a secret containing it could never be typed.
    [GeneratedRegex(@"^[0-9*]{2,16}$")]
    private static partial Regex SecretFormat();

    [GeneratedRegex(@"^[A-Za-z0-9_.@+\-]{1,80}$")]
    private static partial Regex AccountCodeFormat();
}
