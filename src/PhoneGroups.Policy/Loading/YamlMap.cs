using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Loading.Yaml;
using YamlDotNet.Core;

namespace PhoneGroups.Policy.Loading;

/// <summary>
/// A YAML mapping being read: hands out values by key and remembers which keys were used,
/// so that every key nobody asked for can be reported as unknown.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly PolicyErrorList _errors;

    private YamlMap(YamlMapping node, string field, PolicyErrorList errors)
    {
        Field = field;
        Location = Locate(node, field);
        _errors = errors;
        foreach (var (key, value) in node.Entries)
        {
            if (key is not YamlScalar { Value: var name })
            {
                errors.Add(Locate(key, field), "keys must be plain names");
            }
            else if (!_entries.TryAdd(name, (key, value)))
            {
                errors.Add(Locate(key, FieldOf(name)), $"duplicate key '{name}'; it is already set at line {_entries[name].Key.Start.Line}");
            }
        }
    }

    /// <summary>The path of the mapping itself, e.g. <c>groups[1]</c>; empty for the root.</summary>
    public string Field { get; }

    public SourceLocation Location { get; }

    /// <summary>Reads <paramref name="node"/> as a mapping, or reports that it is not one and returns null.</summary>
    public static YamlMap? From(YamlNode node, string field, PolicyErrorList errors)
    {
        if (node is YamlMapping mapping)
        {
            return new YamlMap(mapping, field, errors);
        }

        errors.Add(Locate(node, field), $"expected a mapping of keys to values, found {Describe(node)}");
        return null;
    }

    public static SourceLocation Locate(YamlNode node, string field) => new((int)node.Start.Line, (int)node.Start.Column, field);

    /// <summary>Whether a plain <c>~</c>, <c>null</c> or nothing at all was written.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalar { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(YamlNode node) => node switch
    {
        YamlMapping => "a mapping",
        YamlSequence => "a list",
        _ when IsNull(node) => "nothing",
        YamlScalar scalar => $"'{scalar.Value}'",
        _ => "something else",
    };

    /// <summary>The path of the value under <paramref name="key"/>.</summary>
    public string FieldOf(string key) => Field.Length == 0 ? key : $"{Field}.{key}";

    /// <summary>The value under <paramref name="key"/>, null when the key is absent.</summary>
    public YamlNode? Take(string key)
    {
        _taken.Add(key);
        return _entries.TryGetValue(key, out var entry) ? entry.Value : null;
    }

    /// <summary>Reports every key not taken, suggesting the closest of <paramref name="known"/>.</summary>
    public void RejectUnknownKeys(params string[] known)
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (_taken.Contains(name))
            {
                continue;
            }

            var suggestion = KeySuggestion.Closest(name, known);
            var hint = suggestion is not null ? $"did you mean '{suggestion}'?" : $"expected one of: {string.Join(", ", known)}";
            _errors.Add(Locate(key, FieldOf(name)), $"unknown key '{name}'; {hint}");
        }
    }
}
