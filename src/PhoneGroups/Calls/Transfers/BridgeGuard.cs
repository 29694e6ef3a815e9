using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// Only the controller puts channels into a call's bridge. A channel that enters it otherwise was put there
/// by Asterisk's core: an INVITE with Replaces (res_pjsip_refer lets a phone that knows another call's
/// dialog take that call's place), a feature, another application. That is a transfer nobody decided, so
/// the intruder is hung up at once, with one warning line.
/// </summary>
internal static class BridgeGuard
{
    public static async Task<CallState> OnEnteredAsync(Call call, ChannelEnteredBridge entered, CancellationToken cancellationToken)
    {
        if (entered.Bridge.Id != call.BridgeId || call.Channels.Owned.Contains(entered.Channel.Id))
        {
            return call.State;
        }

        TransferLog.Intruder(call.Services.Logger, call.Id, entered.Channel.Name, entered.Bridge.Id);
        call.Services.Metrics.Transferred("replaces", "deny");
        await call.Services.Ari.HangupAsync(entered.Channel.Id, call.Services.Options.DenialCause, cancellationToken).ConfigureAwait(false);
        return call.State;
    }
}
