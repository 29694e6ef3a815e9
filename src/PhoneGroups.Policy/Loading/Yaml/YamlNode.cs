using YamlDotNet.Core;

namespace PhoneGroups.Policy.Loading.Yaml;

/// <summary>
/// A node of the policy's YAML: just what reading a policy needs (values, positions), built straight from
/// YamlDotNet's parser events. About twice as fast as YamlDotNet's representation model on large files.
/// </summary>
internal abstract class YamlNode(Mark start)
{
    /// <summary>Where the node starts in the file.</summary>
    public Mark Start { get; } = start;
}

/// <summary>A scalar: text, a number, true/false or null, as written.</summary>
internal sealed class YamlScalar(Mark start, string value, ScalarStyle style) : YamlNode(start)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;
}

/// <summary>A list.</summary>
internal sealed class YamlSequence(Mark start, List<YamlNode> items) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = items;
}

/// <summary>A mapping, its entries in file order (duplicates kept, so the reader can report them).</summary>
internal sealed class YamlMapping(Mark start, List<KeyValuePair<YamlNode, YamlNode>> entries) : YamlNode(start)
{
    public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = entries;
}
