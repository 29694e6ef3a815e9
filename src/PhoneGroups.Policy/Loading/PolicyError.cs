namespace PhoneGroups.Policy.Loading;

/// <summary>One problem in a policy file, pointing at where it is.</summary>
/// <param name="File">The file as it was named when loading.</param>
/// <param name="Line">1-based line, or 0 when the problem is the file as a whole (e.g. it cannot be read).</param>
/// <param name="Column">1-based column, or 0.</param>
/// <param name="Field">The path of the value, such as <c>groups[1].members[0]</c>; empty when there is none.</param>
/// <param name="Message">What is wrong, in words an admin can act on.</param>
public sealed record PolicyError(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>Formats as <c>file:line:column: field: message</c>, the form compilers and editors understand.</summary>
    public override string ToString()
    {
        var field = Field.Length > 0 ? $"{Field}: " : string.Empty;
        return Line > 0 ? $"{File}:{Line}:{Column}: {field}{Message}" : $"{File}: {field}{Message}";
    }
}
