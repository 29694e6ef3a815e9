using YamlDotNet.Core;

namespace PhoneGroups.Policy.Loading.Yaml;

/// <summary>A scalar: text, a number, true/false or null, as written.</summary>
internal sealed class YamlScalar(Mark start, string value, ScalarStyle style) : YamlNode(start)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;
}
