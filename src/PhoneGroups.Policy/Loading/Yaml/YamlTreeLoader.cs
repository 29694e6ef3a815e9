using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PhoneGroups.Policy.Loading.Yaml;

/// <summary>Reads YAML text into <see cref="YamlNode"/> trees, one per document, resolving anchors and aliases.</summary>
internal static class YamlTreeLoader
{
    /// <exception cref="YamlException">The text is not valid YAML; the exception carries the position.</exception>
    public static List<YamlNode> Load(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        var documents = new List<YamlNode>();
        while (!parser.TryConsume<StreamEnd>(out _))
        {
            var start = parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            documents.Add(parser.Accept<DocumentEnd>(out _)
                ? new YamlScalar(start.Start, string.Empty, ScalarStyle.Plain)
                : ReadNode(parser, anchors));
            parser.Consume<DocumentEnd>();
        }

        return documents;
    }

    private static YamlNode ReadNode(IParser parser, Dictionary<string, YamlNode> anchors)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return Anchor(scalar, new YamlScalar(scalar.Start, scalar.Value, scalar.Style), anchors);
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} refers to no anchor &{alias.Value} before it");
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors));
            }

            return Anchor(sequenceStart, new YamlSequence(sequenceStart.Start, items), anchors);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors);
                entries.Add(new KeyValuePair<YamlNode, YamlNode>(key, ReadNode(parser, anchors)));
            }

            return Anchor(mappingStart, new YamlMapping(mappingStart.Start, entries), anchors);
        }

        var unexpected = parser.Current!;
        throw new YamlException(unexpected.Start, unexpected.End, $"unexpected {unexpected.GetType().Name}");
    }

    private static YamlNode Anchor(NodeEvent nodeEvent, YamlNode node, Dictionary<string, YamlNode> anchors)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            anchors[nodeEvent.Anchor.Value] = node;
        }

        return node;
    }
}
