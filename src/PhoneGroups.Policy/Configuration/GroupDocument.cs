namespace PhoneGroups.Policy.Configuration;

/// <summary>An entry of <c>groups</c>.</summary>
internal sealed class GroupDocument
{
    public required Located<string> Name { get; init; }

    public string? Description { get; set; }

    public Located<bool>? IsDefault { get; set; }

    public bool IsIsolated { get; set; }

    public bool IsPickupIsolated { get; set; }

    public List<Located<string>> Allow { get; } = [];

    public Located<string>? Language { get; set; }

    public Located<string>? EmergencyCallerId { get; set; }

    public List<ExtensionDocument> Members { get; } = [];

    /// <summary>null when the key is absent: the group may use every route.</summary>
    public List<RouteGrantDocument>? Routes { get; set; }
}
