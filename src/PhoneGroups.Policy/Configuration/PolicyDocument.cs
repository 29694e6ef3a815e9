using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Configuration;

/// <summary>
/// The policy file as read, before cross-checks and compilation. Every value keeps its location
/// so that validation can name the line. Built by the reader, only read afterwards.
/// </summary>
internal sealed class PolicyDocument
{
    public required string SourceName { get; init; }

    public SettingsDocument Settings { get; set; } = new();

    public List<ExtensionDocument> Extensions { get; } = [];

    public List<GroupDocument> Groups { get; } = [];

    public List<RouteDocument> Routes { get; } = [];

    public List<PermissionDocument> Permissions { get; } = [];
}
