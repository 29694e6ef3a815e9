using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// An allowed transfer: the target is being called for the transferee (with fail-over, and the transferer's
/// group caller ID on routes) while the call stays as it was, so a failed transfer loses nothing. The target
/// answers: the transferer's phone is told (NOTIFY 200), the target takes the transferer's place in the
/// bridge, and the transferer leaves (<see cref="TransferredState"/>). The target cannot be reached: the
/// phone is told (NOTIFY 503 or 603) and the call goes on as before. The transferer may hang up at any
/// moment (many phones do right after REFER): the transfer goes on without it.
/// </summary>
internal sealed class TransferringState(TransferDialPurpose purpose, DialAttempt attempt) : CallState
{
    private bool _transfererGone;

    public override string Name => "Transferring";

    public override bool IsSettingUp => true;

    public DialAttempt Attempt => attempt;

    private TransferRequest Transfer => purpose.Transfer;

    public override async Task<CallState> OnChannelEnteredAsync(Call call, StasisStart start, CancellationToken cancellationToken)
    {
        if (start.Channel.Id == attempt.LegId)
        {
            await attempt.DialLegAsync(cancellationToken).ConfigureAwait(false);
        }

        return this;
    }

    public override async Task<CallState> OnDialAsync(Call call, Dial dial, CancellationToken cancellationToken)
    {
        if (dial.Peer.Id != attempt.LegId)
        {
            return this;
        }

        // The transferee hears no ringing: it stays in the call as it was. A target that forwards (302) is not
        // followed: the transfer was decided for this number only.
        return await FollowAsync(call, dial.DialStatus, cancellationToken).ConfigureAwait(false);
    }

    private Task<CallState> FollowAsync(Call call, string dialStatus, CancellationToken cancellationToken) =>
        attempt.FollowDialAsync(
            this,
            dialStatus,
            attempt.Target?.Route ?? Transfer.Target ?? string.Empty,
            () => CompleteAsync(call, cancellationToken),
            ringsCaller: false,
            cancelFails: true,
            cancellationToken);

    public override async Task<CallState> OnChannelStateChangedAsync(Call call, ChannelStateChange change, CancellationToken cancellationToken) =>
        change.Channel.Id == attempt.LegId && change.Channel.State == "Up"
            ? await CompleteAsync(call, cancellationToken).ConfigureAwait(false)
            : this;

    public override async Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken)
    {
        if (channelId == attempt.LegId)
        {
            attempt.LegGone();
            return await attempt.NextAsync(HangupCauses.ForFailedLeg(attempt.LastDialStatus, cause), cancellationToken).ConfigureAwait(false);
        }

        if (channelId == Transfer.Transferer.Id)
        {
            _transfererGone = true;
            TransferLog.PartyLeft(call.Services.Logger, call.Id, "the transferer", purpose.Transferer, "the transfer goes on");
            return this;
        }

        if (channelId == Transfer.TransfereeId)
        {
            TransferLog.PartyLeft(call.Services.Logger, call.Id, "the transferee", purpose.Transferer, "ending the call");
            await attempt.AbandonLegAsync(HangupCauses.Normal).ConfigureAwait(false);
            return await EndingState.HangUpAllAsync(call, HangupCauses.Normal).ConfigureAwait(false);
        }

        return this; // a leg given up earlier
    }

    /// <summary>A second transfer while one is under way is refused.</summary>
    public override Task<CallState> OnTransferAsync(Call call, ChannelTransfer transfer, CancellationToken cancellationToken) =>
        transfer.State is null
            ? CallTransfer.RefuseAsync(call, transfer.ReferredBy.SourceChannel.Id, "a transfer is already under way", this, cancellationToken)
            : Task.FromResult<CallState>(this);

    /// <summary>Stopping: the transfer is given up; the call stays bridged as it was (and stays up in Asterisk).</summary>
    public override async Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken)
    {
        if (attempt.IsRingTimeout(signal))
        {
            return await FollowAsync(call, "NOANSWER", cancellationToken).ConfigureAwait(false);
        }

        if (signal.Kind != CallSignalKind.Shutdown)
        {
            return this;
        }

        await attempt.AbandonLegAsync(HangupCauses.Normal).ConfigureAwait(false);
        return await FailAsync(call, purpose, HangupCauses.TemporaryFailure, BridgedState.Instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The transfer did not reach its target: the transferer's phone is told and the call is as it was; if
    /// the transferer already left, nobody is there to take the transferee back, and the call ends with the cause.
    /// </summary>
    public static async Task<CallState> FailAsync(Call call, TransferDialPurpose purpose, int cause, CallState before, CancellationToken cancellationToken)
    {
        var transfer = purpose.Transfer;
        var services = call.Services;
        services.Metrics.Transferred(transfer.Kind, "failed");
        if (!call.Channels.Owned.Contains(transfer.Transferer.Id))
        {
            TransferLog.Failed(services.Logger, call.Id, purpose.Transferer, transfer.Target ?? string.Empty, cause, "the transferer is gone: ending the call");
            await call.HangUpAsync(transfer.TransfereeId, cause, cancellationToken).ConfigureAwait(false);
            return EndingState.Instance;
        }

        TransferLog.Failed(services.Logger, call.Id, purpose.Transferer, transfer.Target ?? string.Empty, cause, "the call goes on as it was");
        var state = cause is HangupCauses.Busy or HangupCauses.NoAnswer or 21 ? TransferProgress.Declined : TransferProgress.Unavailable;
        await TransferProgress.ReportAsync(call, transfer.Transferer.Id, state, cancellationToken).ConfigureAwait(false);
        return before;
    }

    private async Task<CallState> CompleteAsync(Call call, CancellationToken cancellationToken)
    {
        attempt.StopRingTimer();
        var services = call.Services;
        var leg = attempt.LegId!;
        var bridge = call.BridgeId ?? throw new InvalidOperationException("a transfer needs the call's bridge");
        await services.Ari.AddChannelsAsync(bridge, [leg], cancellationToken).ConfigureAwait(false);
        TransferLog.Completed(services.Logger, call.Id, purpose.Transferer, Transfer.Target ?? string.Empty, Transfer.TransfereeId, leg);
        if (_transfererGone || !call.Channels.Owned.Contains(Transfer.Transferer.Id))
        {
            return BridgedState.Instance;
        }

        await TransferProgress.ReportAsync(call, Transfer.Transferer.Id, TransferProgress.Answered, cancellationToken).ConfigureAwait(false);
        await services.Ari.RemoveChannelAsync(bridge, Transfer.Transferer.Id, cancellationToken).ConfigureAwait(false);
        return TransferredState.Start(call, Transfer.Transferer.Id);
    }
}
