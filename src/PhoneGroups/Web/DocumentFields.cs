using System.Text.Json.Nodes;

namespace PhoneGroups.Web;

/// <summary>Reading and writing the plain fields of a policy entry (a group, route or permission) as the console's forms show them.</summary>
internal static class DocumentFields
{
    /// <summary>A scalar as text; empty when absent.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => string.Empty,
    };

    /// <summary>A boolean; false when absent.</summary>
    public static bool Flag(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>A list of scalars, one per line.</summary>
    public static string Lines(JsonNode? node) => node is JsonArray list ? string.Join('\n', list.Select(Text)) : string.Empty;

    /// <summary>The non-empty lines of a text box.</summary>
    public static List<string> Split(string? text) =>
        [.. (text ?? string.Empty).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Sets <paramref name="key"/> to the trimmed text, or removes it when empty.</summary>
    public static void Set(JsonObject entry, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            entry.Remove(key);
        }
        else
        {
            entry[key] = value.Trim();
        }
    }

    /// <summary>Sets <paramref name="key"/> to the lines of a text box, or removes it when there are none.</summary>
    public static void SetList(JsonObject entry, string key, string? text)
    {
        var lines = Split(text);
        if (lines.Count == 0)
        {
            entry.Remove(key);
        }
        else
        {
            entry[key] = new JsonArray([.. lines.Select(l => JsonValue.Create(l))]);
        }
    }
}
