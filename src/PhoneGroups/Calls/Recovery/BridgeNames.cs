namespace PhoneGroups.Calls;

/// <summary>
/// How the controller names its bridges, so that a new process (after a crash or restart) knows which
/// bridges in Asterisk are its own, for which application, and which call each belongs to.
/// </summary>
internal static class BridgeNames
{
    private const string Prefix = "phonegroups:";

    /// <summary>The bridge id of a call.</summary>
    public static string IdFor(string callId) => $"{callId}-bridge";

    /// <summary>The bridge name: <c>phonegroups:{app}:{call id}</c>.</summary>
    public static string NameFor(string app, string callId) => $"{Prefix}{app}:{callId}";

    /// <summary>Reads a bridge name; false for bridges that are not the controller's.</summary>
    public static bool TryParse(string? name, out string app, out string callId)
    {
        app = callId = string.Empty;
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = name.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1)
        {
            return false;
        }

        app = rest[..colon].ToString();
        callId = rest[(colon + 1)..].ToString();
        return true;
    }
}
