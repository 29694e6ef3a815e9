using YamlDotNet.Core;

namespace PhoneGroups.Policy.Loading.Yaml;

/// <summary>A mapping, its entries in file order (duplicates kept, so the reader can report them).</summary>
internal sealed class YamlMapping(Mark start, List<KeyValuePair<YamlNode, YamlNode>> entries) : YamlNode(start)
{
    public List<KeyValuePair<YamlNode, YamlNode>> Entries { get; } = entries;
}
