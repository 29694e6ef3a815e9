using YamlDotNet.Core;

namespace PhoneGroups.Policy.Loading.Yaml;

/// <summary>A list.</summary>
internal sealed class YamlSequence(Mark start, List<YamlNode> items) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = items;
}
