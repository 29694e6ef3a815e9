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
