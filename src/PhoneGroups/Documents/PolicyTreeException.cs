namespace PhoneGroups.Documents;

/// <summary>A document that cannot be read as a policy tree at all (not YAML or JSON, or not a mapping).</summary>
public sealed class PolicyTreeException(string message, int line) : Exception(message)
{
    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; } = line;
}
