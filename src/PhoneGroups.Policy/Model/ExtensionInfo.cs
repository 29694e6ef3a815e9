namespace PhoneGroups.Policy.Model;

/// <summary>An internal extension as the compiled policy knows it.</summary>
public sealed class ExtensionInfo
{
    internal ExtensionInfo(string number, string endpoint, string? language, GroupInfo? group, bool isDefaultMember)
    {
        Number = number;
        Endpoint = endpoint;
        Language = language;
        Group = group;
        IsDefaultMember = isDefaultMember;
    }

    /// <summary>The extension number, e.g. <c>1001</c>.</summary>
    public string Number { get; }

    /// <summary>The endpoint calls to this extension are bridged to.</summary>
    /// <value>The default value is <c>PJSIP/&lt;number&gt;</c>.</value>
    public string Endpoint { get; }

    /// <summary>The extension's own prompt language, or null.</summary>
    public string? Language { get; }

    /// <summary>The group the extension belongs to: the one listing it, else the default group, else null.</summary>
    public GroupInfo? Group { get; }

    /// <summary>Whether the extension is in <see cref="Group"/> only because that group is the default.</summary>
    public bool IsDefaultMember { get; }

    /// <summary>Whether the extension has a <c>pin</c>, which replaces the passwords of permissions naming it.</summary>
    public bool HasPin => Pin is not null;

    /// <summary>The extension's call-permission code; never shown or logged.</summary>
    internal string? Pin { get; private set; }

    /// <summary>The enabled permissions naming this extension in <c>users</c>, by ascending index.</summary>
    internal int[] UserPermissions { get; private set; } = [];

    /// <summary>The prompt language for this extension: its own, else its group's, else null.</summary>
    public string? EffectiveLanguage => Language ?? Group?.Language;

    internal void SetPermissions(string? pin, int[] userPermissions)
    {
        Pin = pin;
        UserPermissions = userPermissions;
    }

    /// <inheritdoc />
    public override string ToString() => Number;
}
