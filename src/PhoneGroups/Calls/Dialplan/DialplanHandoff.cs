namespace PhoneGroups.Calls;

/// <summary>Calls handed back to the dialplan: context routes, the custom denial context, the fallback.</summary>
internal static class DialplanHandoff
{
    /// <summary>The context the dialplan uses while the controller is not connected (asterisk-conf/extensions.conf).</summary>
    public const string FallbackContext = "controller-down";

    /// <summary>The fallback for calls from trunks: refused, never routed out again (not even to an emergency number).</summary>
    public const string TrunkFallbackContext = "controller-down-trunk";

    /// <summary>
    /// A route with a context: the caller's channel continues there with the group's caller ID. The
    /// original caller ID is kept in a channel variable and put back if the call comes to the controller
    /// again (<see cref="CallerIdRestore"/>).
    /// </summary>
    public static async Task<CallState> ToRouteContextAsync(Call call, DialTarget target, CancellationToken cancellationToken)
    {
        if (target.CallerId is not null)
        {
            await call.Services.Ari.SetVariableAsync(call.Id, ChannelVariables.OriginalCallerId, call.Caller.Caller.Number, cancellationToken).ConfigureAwait(false);
            await call.Services.Ari.SetVariableAsync(call.Id, "CALLERID(num)", target.CallerId, cancellationToken).ConfigureAwait(false);
        }

        return await ContinueAsync(call, target.Context!, target.Number, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The admin's dialplan takes the denied call, with the reason in PHONEGROUPS_REASON.</summary>
    public static async Task<CallState> ToDenialContextAsync(Call call, string context, string reason, CancellationToken cancellationToken)
    {
        await call.Services.Ari.SetVariableAsync(call.Id, ChannelVariables.Reason, reason, cancellationToken).ConfigureAwait(false);
        return await ContinueAsync(call, context, Policy.Numbers.DialedNumber.ForDialplan(call.Dialed), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the call gets when the controller is down (emergency numbers dial there).</summary>
    public static Task<CallState> ToFallbackAsync(Call call, CancellationToken cancellationToken) =>
        call.Origin == Policy.Decisions.CallOrigin.Internal
            ? ContinueAsync(call, FallbackContext, string.IsNullOrEmpty(call.Dialed) ? "s" : Policy.Numbers.DialedNumber.ForDialplan(call.Dialed), cancellationToken)
            : ContinueAsync(call, TrunkFallbackContext, "s", cancellationToken); // from a trunk, or not identified yet

    /// <summary>Leaves the caller to the dialplan: from here on, Asterisk's dialplan owns the channel.</summary>
    private static async Task<CallState> ContinueAsync(Call call, string context, string extension, CancellationToken cancellationToken)
    {
        await call.Services.Ari.ContinueAsync(call.Id, context, extension, 1, cancellationToken).ConfigureAwait(false);
        CallLog.HandedOff(call.Services.Logger, call.Id, context, extension);
        call.Channels.Release(call.Id);
        return EndingState.Instance;
    }
}
