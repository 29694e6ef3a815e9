using PhoneGroups.Policy.Model;
using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Permissions;

/// <summary>A call permission (an entry of <c>permissions</c>) as the compiled policy knows it.</summary>
public sealed class PermissionInfo
{
    internal PermissionInfo(int index, string name, string? description, PermissionMode mode, bool isEnabled,
        IReadOnlyList<AsteriskPattern> numbers, IReadOnlyList<ExtensionInfo> users, IReadOnlyList<GroupInfo> groups,
        IReadOnlyList<RouteInfo> routes, IReadOnlyList<AsteriskPattern>? incoming, string? password, string? accountCode)
    {
        Index = index;
        Name = name;
        Description = description;
        Mode = mode;
        IsEnabled = isEnabled;
        Numbers = numbers;
        Users = users;
        Groups = groups;
        Routes = routes;
        Incoming = incoming ?? [];
        IsIncoming = incoming is not null;
        Password = password;
        AccountCode = accountCode;
    }

    /// <summary>The permission's position in the policy; where several permissions match, the first one is named.</summary>
    public int Index { get; }

    /// <summary>The permission's name, unique ignoring case.</summary>
    public string Name { get; }

    /// <summary>The description, or null.</summary>
    public string? Description { get; }

    /// <summary>Allow or deny.</summary>
    /// <value>The default value is <see cref="PermissionMode.Deny"/>.</value>
    public PermissionMode Mode { get; }

    /// <summary>Whether the permission takes part in decisions; disabled ones are ignored.</summary>
    /// <value>The default value is true.</value>
    public bool IsEnabled { get; }

    /// <summary>The numbers it applies to: the dialed number, or for an incoming permission the caller's number.</summary>
    public IReadOnlyList<AsteriskPattern> Numbers { get; }

    /// <summary>The extensions it names (user level).</summary>
    public IReadOnlyList<ExtensionInfo> Users { get; }

    /// <summary>The groups it names (group level).</summary>
    public IReadOnlyList<GroupInfo> Groups { get; }

    /// <summary>The routes it names (route level).</summary>
    public IReadOnlyList<RouteInfo> Routes { get; }

    /// <summary>For an incoming permission, the dialed numbers (of calls from outside) it applies to; else empty.</summary>
    public IReadOnlyList<AsteriskPattern> Incoming { get; }

    /// <summary>Whether this is an incoming permission (it has <c>incoming</c>, and no users, groups or routes).</summary>
    public bool IsIncoming { get; }

    /// <summary>Whether a deny asks for a password instead of refusing.</summary>
    public bool HasPassword => Password is not null;

    /// <summary>The CDR account code set on the call once its password (or the PIN replacing it) was entered, or null.</summary>
    public string? AccountCode { get; }

    /// <summary>The password; never shown or logged. Read through <see cref="PermissionChallenge"/>.</summary>
    internal string? Password { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
