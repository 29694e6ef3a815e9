namespace PhoneGroups.Policy.Patterns;

/// <summary>The patterns would need a larger automaton than <see cref="PatternSetBuilder.MaxTransitions"/> allows.</summary>
public sealed class PatternSetTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception with the given message.</summary>
    public PatternSetTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PatternSetTooLargeException()
        : base("the patterns need too large an automaton")
    {
    }

    /// <summary>Creates the exception with the given message and cause.</summary>
    public PatternSetTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
