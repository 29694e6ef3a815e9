namespace PhoneGroups.Policy.Permissions;

/// <summary>What the permissions did to a call the group rules allowed.</summary>
internal enum PermissionOutcome
{
    /// <summary>No enabled permission matched at any level consulted.</summary>
    None,

    /// <summary>An allow permission matched at the deciding level.</summary>
    Allowed,

    /// <summary>A deny without password matched at the deciding level.</summary>
    Denied,

    /// <summary>Every deny matching at the deciding level has a password: ask for it.</summary>
    Challenged,

    /// <summary>A challenged call whose password was accepted.</summary>
    Unlocked,
}
