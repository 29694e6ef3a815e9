namespace PhoneGroups.Calls;

/// <summary>The feature codes of call pickup: *8 picks up any call ringing in the group, **EXT that extension's.</summary>
internal static class PickupCodes
{
    public const string GroupPickup = "*8";
    public const string DirectedPrefix = "**";

    /// <summary>Whether <paramref name="dialed"/> is a pickup code; <paramref name="extension"/> is set for a directed pickup.</summary>
    public static bool IsPickup(string dialed, out string? extension)
    {
        extension = null;
        if (dialed == GroupPickup)
        {
            return true;
        }

        if (dialed.Length > DirectedPrefix.Length && dialed.StartsWith(DirectedPrefix, StringComparison.Ordinal))
        {
            extension = dialed[DirectedPrefix.Length..];
            return true;
        }

        return false;
    }
}
