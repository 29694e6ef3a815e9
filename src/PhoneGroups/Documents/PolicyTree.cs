using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PhoneGroups.Documents;

/// <summary>
/// The policy as a JSON tree, for editing as a document: every section and key is kept, including ones this
/// code does not know (other features add their own), because nothing here maps it onto a typed model.
/// YAML plain scalars become JSON numbers (integers without leading zeros), booleans and nulls; everything else
/// is a string. Written back, strings are double-quoted, so <c>*80</c> or <c>0100</c> stay text. Comments do not
/// survive a round trip; documents stored as YAML through the API keep theirs.
/// </summary>
public static partial class PolicyTree
{
    /// <summary>Deeper than any policy; deeper input is refused before it can exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes after aliases are expanded: ten times the 100k-extension benchmark policy; more is an alias bomb.</summary>
    public const int MaxNodes = 5_000_000;

    /// <summary>Reads YAML (one document) into a JSON tree.</summary>
    /// <exception cref="PolicyTreeException">The text is not YAML, or not a mapping at the top.</exception>
    public static JsonObject FromYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            CheckDepth(yaml);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new PolicyTreeException($"line {e.Start.Line}: {e.Message}", (int)e.Start.Line);
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        var budget = MaxNodes;
        return ToJson(stream.Documents[0].RootNode, ref budget) as JsonObject
            ?? throw new PolicyTreeException("the policy must be a mapping (version, settings, groups, ...)", 1);
    }

    /// <summary>Reads a JSON document into a tree.</summary>
    /// <exception cref="PolicyTreeException">The text is not JSON, or not an object.</exception>
    public static JsonObject FromJson(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new PolicyTreeException("the policy must be a JSON object", 1);
        }
        catch (JsonException e)
        {
            throw new PolicyTreeException($"not JSON: {e.Message}", (int)(e.LineNumber ?? 0) + 1);
        }
    }

    /// <summary>Writes a tree as YAML that the policy loader reads back to the same tree.</summary>
    public static string ToYaml(JsonNode tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var stream = new YamlStream(new YamlDocument(ToYamlNode(tree)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        // YamlDotNet ends the document with "..."; the policy files this project writes do not.
        return DocumentEnd().Replace(text, string.Empty);
    }

    private static JsonNode? ToJson(YamlNode node, ref int budget)
    {
        if (--budget < 0)
        {
            throw new PolicyTreeException($"the document expands to more than {MaxNodes:N0} values (aliases?)", node.Start.Line > int.MaxValue ? 0 : (int)node.Start.Line);
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode { Value: { } text } ? text : key.ToString();
                    if (obj.ContainsKey(name))
                    {
                        throw new PolicyTreeException($"line {key.Start.Line}: key '{name}' is given twice", (int)key.Start.Line);
                    }

                    obj[name] = ToJson(value, ref budget);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, ref budget));
                }

                return array;
            case YamlScalarNode scalar:
                return ToJson(scalar);
            default:
                return null;
        }
    }

    /// <summary>Refuses nesting deeper than <see cref="MaxDepth"/>, reading events only (no recursion).</summary>
    private static void CheckDepth(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart when ++depth > MaxDepth:
                    throw new PolicyTreeException($"line {parser.Current.Start.Line}: nested deeper than {MaxDepth} levels", (int)parser.Current.Start.Line);
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static JsonNode? ToJson(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when PlainInteger().IsMatch(value) => JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(value),
        };
    }

    private static YamlNode ToYamlNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new YamlScalarNode("null") { Style = ScalarStyle.Plain };
            case JsonObject obj:
                var mapping = new YamlMappingNode();
                foreach (var (key, value) in obj)
                {
                    mapping.Add(new YamlScalarNode(key), ToYamlNode(value));
                }

                if (obj.Count == 0)
                {
                    mapping.Style = YamlDotNet.Core.Events.MappingStyle.Flow;
                }

                return mapping;
            case JsonArray array:
                var sequence = new YamlSequenceNode(array.Select(ToYamlNode));
                if (array.Count == 0 || array.All(item => item is JsonValue))
                {
                    sequence.Style = YamlDotNet.Core.Events.SequenceStyle.Flow;
                }

                return sequence;
            default:
                return node.GetValueKind() switch
                {
                    JsonValueKind.String => new YamlScalarNode(node.GetValue<string>()) { Style = ScalarStyle.DoubleQuoted },
                    JsonValueKind.True => new YamlScalarNode("true") { Style = ScalarStyle.Plain },
                    JsonValueKind.False => new YamlScalarNode("false") { Style = ScalarStyle.Plain },
                    JsonValueKind.Number => new YamlScalarNode(node.ToJsonString()) { Style = ScalarStyle.Plain },
                    _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
                };
        }
    }

    [GeneratedRegex(@"^(0|-?[1-9][0-9]{0,14})$")]
    private static partial Regex PlainInteger();

    [GeneratedRegex(@"(?m)^\.\.\.\n?\z")]
    private static partial Regex DocumentEnd();
}
