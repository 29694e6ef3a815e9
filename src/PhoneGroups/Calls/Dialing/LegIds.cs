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

    [GeneratedRegex(@"-leg[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LegPattern();
}
