using System.Text.RegularExpressions;

namespace PhoneGroups.Calls;

/// <summary>
/// The ids the controller gives the legs it creates: <c>{call id}-leg{n}</c>. Asterisk never makes such
/// an id for a call entering from the dialplan, so a leg that reaches the controller with no call owning
/// it (its creation timed out, or an earlier process created it) is recognised and hung up instead of
/// becoming a call "from the callee".
/// </summary>
internal static partial class LegIds
{
    public static string For(string callId, int number) => $"{callId}-leg{number}";

    public static bool IsLeg(string channelId) => LegPattern().IsMatch(channelId);

    /// <summary>Reads a leg id: the call it belongs to and its number.</summary>
    public static bool TryParse(string channelId, out string callId, out int number)
    {
        var match = LegPattern().Match(channelId);
        callId = match.Success ? channelId[..match.Index] : string.Empty;
        number = match.Success && int.TryParse(match.Groups[1].ValueSpan, out var n) ? n : 0;
        return match.Success;
    }

    [GeneratedRegex(@"-leg([0-9]{1,9})$", RegexOptions.CultureInvariant)]
    private static partial Regex LegPattern();
}
