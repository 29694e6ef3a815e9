using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PhoneGroups.Policy.Loading.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/> trees, one per document, resolving anchors and aliases.
/// Enforces <see cref="YamlLimits"/>: the nesting depth bounds the recursion (no stack overflow), and the
/// nodes aliases stand for are counted as if expanded (the tree shares them, the reader would not).
/// </summary>
internal sealed class YamlTreeLoader
{
    private readonly IParser _parser;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<YamlNode, long> _sizes = new(ReferenceEqualityComparer.Instance); // anchored nodes' expanded sizes
    private long _written;    // nodes as written in the file
    private long _aliased;    // nodes that aliases add

    private YamlTreeLoader(string text) => _parser = new Parser(new StringReader(text));

    /// <exception cref="YamlException">The text is not valid YAML or exceeds a limit; the exception carries the position.</exception>
    public static List<YamlNode> Load(string text) => new YamlTreeLoader(text).LoadDocuments();

    private List<YamlNode> LoadDocuments()
    {
        _parser.Consume<StreamStart>();
        var documents = new List<YamlNode>();
        while (!_parser.TryConsume<StreamEnd>(out _))
        {
            var start = _parser.Consume<DocumentStart>();
            _anchors.Clear();
            documents.Add(_parser.Accept<DocumentEnd>(out _)
                ? new YamlScalar(start.Start, string.Empty, ScalarStyle.Plain)
                : ReadNode(depth: 0, out _));
            _parser.Consume<DocumentEnd>();
        }

        return documents;
    }

    /// <param name="depth">How many lists and mappings enclose the node.</param>
    /// <param name="size">The node's size once aliases are expanded (itself and everything under it).</param>
    private YamlNode ReadNode(int depth, out long size)
    {
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            _written++;
            size = 1;
            return Anchor(scalar, new YamlScalar(scalar.Start, scalar.Value, scalar.Style), size);
        }

        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} refers to no anchor &{alias.Value} before it");
            }

            size = _sizes[target];
            _aliased = Math.Min(_aliased + size, long.MaxValue / 2);
            if (_aliased > _written + YamlLimits.MaxAliasNodes)
            {
                throw new YamlException(alias.Start, alias.End,
                    $"aliases expand to more than {YamlLimits.MaxAliasNodes:N0} entries beyond those written in the file; write the entries out instead");
            }

            return target;
        }

        if (_parser.Accept<NodeEvent>(out var collection) && collection is SequenceStart or MappingStart && depth >= YamlLimits.MaxDepth)
        {
            throw new YamlException(collection.Start, collection.End, $"lists and mappings are nested deeper than {YamlLimits.MaxDepth} levels; a policy needs six");
        }

        if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            _written++;
            size = 1;
            var items = new List<YamlNode>();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(depth + 1, out var itemSize));
                size = Saturate(size + itemSize);
            }

            return Anchor(sequenceStart, new YamlSequence(sequenceStart.Start, items), size);
        }

        if (_parser.TryConsume<MappingStart>(out var mappingStart))
        {
            _written++;
            size = 1;
            var entries = new List<KeyValuePair<YamlNode, YamlNode>>();
            while (!_parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(depth + 1, out var keySize);
                entries.Add(new KeyValuePair<YamlNode, YamlNode>(key, ReadNode(depth + 1, out var valueSize)));
                size = Saturate(size + keySize + valueSize);
            }

            return Anchor(mappingStart, new YamlMapping(mappingStart.Start, entries), size);
        }

        var unexpected = _parser.Current!;
        throw new YamlException(unexpected.Start, unexpected.End, $"unexpected {unexpected.GetType().Name}");
    }

    private YamlNode Anchor(NodeEvent nodeEvent, YamlNode node, long size)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            _anchors[nodeEvent.Anchor.Value] = node;
            _sizes[node] = size;
        }

        return node;
    }

    private static long Saturate(long value) => Math.Min(value, long.MaxValue / 4);
}
