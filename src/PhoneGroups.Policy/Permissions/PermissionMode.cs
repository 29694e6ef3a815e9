namespace PhoneGroups.Policy.Permissions;

/// <summary>What a call permission does to the calls it matches (<c>mode</c>).</summary>
public enum PermissionMode
{
    /// <summary><c>deny</c>: refuse the call, or ask for the password when the permission has one. The default.</summary>
    Deny,

    /// <summary><c>allow</c>: let the call through; at the deciding level any allow wins over every deny.</summary>
    Allow,
}
