namespace PhoneGroups.Policy.Configuration;

/// <summary>An entry of a group's <c>routes</c>: a route the group may use, optionally with its caller ID.</summary>
internal sealed class RouteGrantDocument
{
    public required Located<string> Name { get; init; }

    public Located<string>? CallerId { get; set; }
}
