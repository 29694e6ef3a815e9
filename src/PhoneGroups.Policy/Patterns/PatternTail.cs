namespace PhoneGroups.Policy.Patterns;

/// <summary>What a pattern accepts after its fixed positions.</summary>
public enum PatternTail
{
    /// <summary>Nothing: the number must end exactly after the last position.</summary>
    None,

    /// <summary><c>.</c>: one or more characters of any kind.</summary>
    OneOrMore,

    /// <summary><c>!</c>: zero or more characters of any kind.</summary>
    ZeroOrMore,
}
