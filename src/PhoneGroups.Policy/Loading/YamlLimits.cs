namespace PhoneGroups.Policy.Loading;

/// <summary>
/// How much a policy file may ask of the loader. A file beyond them is an error naming the line; the policy
/// in force stays. Without them a 400 KB file of nested <c>[[[…]]]</c> overflows the stack (and kills the
/// process, even on a hot reload), and YAML aliases blow a 100 KB file up into millions of entries.
/// </summary>
public static class YamlLimits
{
    /// <summary>The largest policy file, in bytes. A generated policy of 100,000 extensions is about 5 MB.</summary>
    public const int MaxFileBytes = 32 * 1024 * 1024;

    /// <summary>How deep lists and mappings may nest. A policy needs six levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// How many nodes aliases may add beyond those written in the file. Aliases may repeat the whole file
    /// once (plus this allowance), never multiply it.
    /// </summary>
    public const int MaxAliasNodes = 100_000;
}
