namespace PhoneGroups.Policy.Configuration;

/// <summary>An entry of <c>routes</c>.</summary>
internal sealed class RouteDocument
{
    public required Located<string> Name { get; init; }

    public List<Located<string>> Patterns { get; } = [];

    public Located<string>? Dial { get; set; }

    public Located<string>? Context { get; set; }

    public int Strip { get; set; }

    public Located<string>? Prefix { get; set; }
}
