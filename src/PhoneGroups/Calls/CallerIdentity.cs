using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>The extension a call comes from, where from, and how that was established.</summary>
/// <param name="Extension">The extension number, or null when the caller is unknown.</param>
/// <param name="Source">Which evidence identified the caller.</param>
/// <param name="Origin">Whether the call came in from a trunk: such a call is never routed out as an emergency call.</param>
public readonly record struct CallerIdentity(string? Extension, CallerSource Source, CallOrigin Origin = CallOrigin.Internal)
{
    /// <summary>
    /// Identifies the caller without trusting what a phone can forge: <paramref name="dialplanCaller"/>
    /// (PHONEGROUPS_CALLER, set by the dialplan) first, then the endpoint of the channel (a PJSIP channel is named
    /// <c>PJSIP/&lt;endpoint&gt;-&lt;sequence&gt;</c>), then <paramref name="callerIdNumber"/>, but only when that endpoint
    /// is listed in <paramref name="trustCallerIdFrom"/> (e.g. <c>PJSIP/branch-office</c>). The call came from a
    /// trunk when the dialplan says so (<paramref name="origin"/>, PHONEGROUPS_ORIGIN, is <c>trunk</c>) or when its
    /// endpoint is a trusted one.
    /// </summary>
    public static CallerIdentity Identify(CompiledPolicy policy, string? dialplanCaller, string? origin, string channelName, string? callerIdNumber,
        IEnumerable<string> trustCallerIdFrom)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(channelName);
        ArgumentNullException.ThrowIfNull(trustCallerIdFrom);
        var endpoint = EndpointOf(channelName);
        var trusted = endpoint is not null && trustCallerIdFrom.Contains(endpoint, StringComparer.OrdinalIgnoreCase);
        var from = trusted || string.Equals(origin?.Trim(), "trunk", StringComparison.OrdinalIgnoreCase) ? CallOrigin.Trunk : CallOrigin.Internal;

        if (!string.IsNullOrWhiteSpace(dialplanCaller))
        {
            return new CallerIdentity(dialplanCaller.Trim(), CallerSource.DialplanVariable, from);
        }

        if (endpoint is not null && EndpointDirectory.For(policy).TryGetValue(endpoint, out var extension))
        {
            return new CallerIdentity(extension.Number, CallerSource.Endpoint, from);
        }

        if (trusted && !string.IsNullOrWhiteSpace(callerIdNumber))
        {
            return new CallerIdentity(callerIdNumber.Trim(), CallerSource.CallerIdNumber, from);
        }

        return new CallerIdentity(null, CallerSource.Unknown, from);
    }

    /// <summary>The endpoint of a channel name: <c>PJSIP/1002-desk-0000002a</c> → <c>PJSIP/1002-desk</c>; null for Local and others.</summary>
    internal static string? EndpointOf(string channelName)
    {
        if (!channelName.StartsWith("PJSIP/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var dash = channelName.LastIndexOf('-');
        return dash > "PJSIP/".Length ? channelName[..dash] : null;
    }
}
