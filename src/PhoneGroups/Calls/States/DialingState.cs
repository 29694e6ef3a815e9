using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// A leg to the callee (an extension, or a route) is being called. Ringing is passed on to the caller;
/// an answer bridges; busy, congestion, unavailable or no answer end the leg at once (as Dial() does)
/// and fail over to the next route or give the caller the cause.
/// </summary>
internal sealed class DialingState(DialAttempt attempt) : CallState
{
    public override string Name => "Dialing";

    public override bool IsSettingUp => true;

    public DialAttempt Attempt { get; } = attempt;

    public override async Task<CallState> OnChannelEnteredAsync(Call call, StasisStart start, CancellationToken cancellationToken)
    {
        if (start.Channel.Id == Attempt.LegId)
        {
            // The bridge is made while the callee rings, not after the answer: the answer then waits for less.
            await Task.WhenAll(Attempt.DialLegAsync(cancellationToken), CallBridging.PrepareAsync(call, cancellationToken)).ConfigureAwait(false);
        }

        return this;
    }

    public override async Task<CallState> OnDialAsync(Call call, Dial dial, CancellationToken cancellationToken)
    {
        if (dial.Peer.Id != Attempt.LegId)
        {
            return this;
        }

        // A 302 from the callee: Asterisk follows no forward under ARI; the controller decides it as the forwarder.
        if (!string.IsNullOrEmpty(dial.Forward))
        {
            return await CallForward.FollowAsync(call, Attempt, dial.Forward, cancellationToken).ConfigureAwait(false);
        }

        return await FollowAsync(call, dial.DialStatus, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The leg is up. The state change is enough on its own: for a callee that answers at once, Asterisk 22
    /// sends its Dial events in any order (ANSWER before the dial's begin event in about 1 in 10 calls) and now
    /// and then no ANSWER at all (4 in 4,000 at 8 concurrent): waiting for it left those calls unbridged.
    /// </summary>
    public override async Task<CallState> OnChannelStateChangedAsync(Call call, ChannelStateChange change, CancellationToken cancellationToken) =>
        change.Channel.Id == Attempt.LegId && change.Channel.State == "Up"
            ? await AnsweredAsync(call, cancellationToken).ConfigureAwait(false)
            : this;

    public override async Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken)
    {
        if (channelId == call.Id)
        {
            Attempt.WithdrawRinging();
            return await EndingState.HangUpAllAsync(call, HangupCauses.Normal).ConfigureAwait(false);
        }

        if (channelId != Attempt.LegId)
        {
            return this; // a leg given up earlier is gone now
        }

        if (Attempt.Ringing?.IsClaimed == true)
        {
            return EndingState.Instance; // picked up: the picking call hung the leg up and owns the caller
        }

        if (cause == HangupCauses.RedirectedToNewDestination)
        {
            // A 302 Asterisk reported no target for (it can beat the dial bridge): nothing to decide, nothing followed.
            ForwardLog.TargetNotReported(call.Services.Logger, call.Id, Attempt.Extension ?? Describe(call));
            call.Services.Metrics.Forwarded("lost");
        }

        Attempt.LegGone();
        var callerCause = HangupCauses.ForFailedLeg(Attempt.LastDialStatus, cause);
        CallLog.LegFailed(call.Services.Logger, call.Id, Describe(call), Attempt.LastDialStatus ?? string.Empty, cause);
        return await Attempt.NextAsync(callerCause, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stopping: the leg is hung up and the caller gets the dialplan's fallback (emergency numbers dial there).</summary>
    /// <remarks>Only a Shutdown: the password's digit pause that fired while the right password was being checked comes late, and is ignored.</remarks>
    public override async Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken)
    {
        if (Attempt.IsRingTimeout(signal))
        {
            return await FollowAsync(call, "NOANSWER", cancellationToken).ConfigureAwait(false); // as Dial() after its timeout
        }

        if (signal.Kind != CallSignalKind.Shutdown)
        {
            return this;
        }

        await Attempt.AbandonLegAsync(HangupCauses.Normal).ConfigureAwait(false);
        return await DialplanHandoff.ToFallbackAsync(call, cancellationToken).ConfigureAwait(false);
    }

    public override void OnCompleted(Call call) => Attempt.WithdrawRinging();

    private Task<CallState> FollowAsync(Call call, string dialStatus, CancellationToken cancellationToken) =>
        Attempt.FollowDialAsync(
            this,
            dialStatus,
            Describe(call),
            () => AnsweredAsync(call, cancellationToken),
            ringsCaller: true,
            cancelFails: false,
            cancellationToken);

    private async Task<CallState> AnsweredAsync(Call call, CancellationToken cancellationToken)
    {
        Attempt.StopRingTimer();
        // A pickup that came first owns the caller now; it hangs this leg up.
        if (Attempt.Ringing?.TryAnswer() == false)
        {
            return this;
        }

        Attempt.WithdrawRinging();
        return await CallBridging.BridgeAsync(call, Attempt.LegId!, Attempt.Target?.Route ?? "internal", cancellationToken).ConfigureAwait(false);
    }

    private string Describe(Call call) => Attempt.Target?.Route ?? call.Dialed;
}
