namespace PhoneGroups.Policy.Permissions;

/// <summary>One password a challenge accepts, and the permission it opens (whose account code applies).</summary>
public readonly struct AcceptedPassword
{
    internal AcceptedPassword(string password, PermissionInfo permission, bool isPin)
    {
        Password = password;
        Permission = permission;
        IsPin = isPin;
    }

    /// <summary>The digits (0-9 and *), 2 to 16 of them. Never log them.</summary>
    public string Password { get; }

    /// <summary>The permission this password opens; its <see cref="PermissionInfo.AccountCode"/> goes on the call.</summary>
    public PermissionInfo Permission { get; }

    /// <summary>Whether this is the calling extension's <c>pin</c>, which replaces the permissions' passwords at the user level.</summary>
    public bool IsPin { get; }

    /// <summary>Names what the password opens, never the password itself.</summary>
    public override string ToString() => IsPin ? $"the PIN (permission '{Permission.Name}')" : $"the password of permission '{Permission.Name}'";
}
