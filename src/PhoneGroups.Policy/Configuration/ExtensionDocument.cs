namespace PhoneGroups.Policy.Configuration;

/// <summary>An entry of <c>extensions</c> or of a group's <c>members</c>.</summary>
internal sealed class ExtensionDocument
{
    public required Located<string> Number { get; init; }

    public Located<string>? Endpoint { get; set; }

    public Located<string>? Language { get; set; }
}
