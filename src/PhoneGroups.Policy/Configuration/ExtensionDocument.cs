namespace PhoneGroups.Policy.Configuration;

/// <summary>An entry of <c>extensions</c> or of a group's <c>members</c>.</summary>
internal sealed class ExtensionDocument
{
    public required Located<string> Number { get; init; }

    public Located<string>? Endpoint { get; set; }

    public Located<string>? Language { get; set; }

    /// <summary>The extension's own code for call permissions (replaces their passwords at the user level).</summary>
    public Located<string>? Pin { get; set; }
}
