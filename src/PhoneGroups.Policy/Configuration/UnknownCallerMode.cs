namespace PhoneGroups.Policy.Configuration;

/// <summary>What callers that are not internal extensions may do (<c>settings.unknownCallers</c>).</summary>
public enum UnknownCallerMode
{
    /// <summary><c>internal-only</c>: they may call internal extensions, nothing else. The default.</summary>
    InternalOnly,

    /// <summary><c>deny</c>: they may call nothing but emergency numbers.</summary>
    Deny,

    /// <summary><c>allow</c>: they are treated as an extension that belongs to no group.</summary>
    Allow,
}
