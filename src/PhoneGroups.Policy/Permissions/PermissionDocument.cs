using PhoneGroups.Policy.Configuration;

namespace PhoneGroups.Policy.Permissions;

/// <summary>An entry of <c>permissions</c>, as read.</summary>
internal sealed class PermissionDocument
{
    /// <summary>Where the entry itself is, e.g. <c>permissions[2]</c>.</summary>
    public required SourceLocation Location { get; init; }

    public required Located<string> Name { get; init; }

    public string? Description { get; set; }

    public PermissionMode Mode { get; set; } = PermissionMode.Deny;

    public Located<bool>? Enabled { get; set; }

    public List<Located<string>> Numbers { get; } = [];

    public List<Located<string>> Users { get; } = [];

    public List<Located<string>> Groups { get; } = [];

    public List<Located<string>> Routes { get; } = [];

    /// <summary>null when the key is absent.</summary>
    public List<Located<string>>? Incoming { get; set; }

    /// <summary>Where <c>incoming</c> is written, when it is.</summary>
    public SourceLocation? IncomingLocation { get; set; }

    public Located<string>? Password { get; set; }

    public Located<string>? AccountCode { get; set; }
}
