using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// A call's state. Each event is a method that acts and returns the next state (itself to stay); every
/// change is logged as <c>state -> event -> state</c>. A call that owns no channel any more is over,
/// whatever its state. The life of a call:
/// <code>
///  Deciding ──allowed──▶ Dialing ──callee answers──▶ Bridged ──either side hangs up──▶ Ending ──last channel gone──▶ Ended
///     │                   │  ▲ busy / no answer / route fails: next route, else the caller gets the cause ──▶ Ending
///     │                   └──┘
///     ├──denied──▶ Denying ──prompt finished──▶ (rejected with the denial cause) ──▶ Ending
///     ├──needs a password──▶ Challenging (answered, asked for it; a locked-out caller goes straight to Denying)
///     ├──pickup code──▶ (claims a ringing call, answers, bridges) ──▶ Bridged
///     ├──context route, or denied with Calls:DenialContext──▶ (continued in the dialplan, which owns it now) ──▶ Ending
///     └──caller hangs up──▶ Ending
///  Challenging ──right password──▶ Dialing (the permission's account code on every leg; a context route: to the dialplan)
///  Challenging ──wrong, tries left──▶ Challenging (asked again)    ──wrong three times──▶ Denying
///  Challenging ──caller hangs up──▶ Ending (after a wrong try it counts toward the lockout)
///  Dialing ──another phone picks the call up──▶ Ending (the caller now belongs to the picking call)
///  Dialing ──the callee answers 302──▶ (decided as the forwarder) Dialing the target, or Denying, or Ending (loop: cause 25)
///  Bridged ──a party transfers (REFER), decided as the transferer──▶ Transferring (blind), Transferred (attended), or Bridged (refused)
///  Transferring ──target answers──▶ Transferred (the target joins the bridge, the transferer leaves it; Bridged if it already hung up)
///  Transferring ──target unreachable──▶ Bridged (as before the transfer), or Ending when the transferer already hung up
///  Transferring ──transferer hangs up──▶ Transferring (the transfer goes on)    ──transferee hangs up──▶ Ending
///  Transferred ──transferer hangs up (or is hung up after 5 s)──▶ Bridged    ──transferee or target hangs up──▶ Ending
///  Stopping (a Shutdown signal to calls being set up, and to Transferred ones): Deciding ──▶ the dialplan's fallback; Dialing ──▶ leg hung up,
///    the fallback; Denying and Challenging ──▶ rejected with the denial cause; Transferring ──▶ Bridged (the transfer is given
///    up); Transferred ──▶ the transferer is hung up. Bridged calls are not signalled: they stay up in Asterisk.
///  Any state ──error──▶ Ending (every channel hung up with cause 41, logged with the call's id)
///  Adopted after a restart (CallRecovery): a bridge of the controller with two parties ──▶ Bridged (with one: hung up);
///    a leg nobody controls is hung up; a caller nobody controls and in none of those bridges (it was Deciding, Dialing,
///    Denying or Challenging) is decided again from the start ──▶ Deciding.
/// </code>
/// </summary>
internal abstract class CallState
{
    /// <summary>The state's name in logs.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the call is still being set up (shutdown waits for these).</summary>
    public virtual bool IsSettingUp => false;

    /// <summary>Whether stopping sends the call a <see cref="CallSignalKind.Shutdown"/>: calls being set up, and any whose timers must not die with the process.</summary>
    public virtual bool IsSignalledAtShutdown => IsSettingUp;

    /// <summary>The caller's channel entered the application.</summary>
    public virtual Task<CallState> OnCallerEnteredAsync(Call call, StasisStart start, CancellationToken cancellationToken) => Stay();

    /// <summary>Another channel of the call (a leg it created) entered the application.</summary>
    public virtual Task<CallState> OnChannelEnteredAsync(Call call, StasisStart start, CancellationToken cancellationToken) => Stay();

    /// <summary>Progress of a leg being dialed.</summary>
    public virtual Task<CallState> OnDialAsync(Call call, Dial dial, CancellationToken cancellationToken) => Stay();

    /// <summary>One of the call's channels changed state (e.g. a leg is answered: Up).</summary>
    public virtual Task<CallState> OnChannelStateChangedAsync(Call call, ChannelStateChange change, CancellationToken cancellationToken) => Stay();

    /// <summary>A prompt played to the call finished.</summary>
    /// <summary>
    /// The playback whose end this state waits for, if any: after a reconnect, recovery asks Asterisk whether it
    /// is still playing, as its PlaybackFinished may have been lost with the connection.
    /// </summary>
    public virtual string? AwaitedPlaybackId => null;

    public virtual Task<CallState> OnPlaybackFinishedAsync(Call call, PlaybackFinished finished, CancellationToken cancellationToken) => Stay();

    /// <summary>A digit pressed on one of the call's channels.</summary>
    public virtual Task<CallState> OnDtmfAsync(Call call, ChannelDtmfReceived dtmf, CancellationToken cancellationToken) => Stay();

    /// <summary>
    /// A party asked for a transfer (SIP REFER handed to ARI), or Asterisk echoes progress the controller
    /// reported (<see cref="ChannelTransfer.State"/> set). Only a bridged call can be transferred; elsewhere
    /// the request is refused, so the phone learns at once that nothing happens.
    /// </summary>
    public virtual Task<CallState> OnTransferAsync(Call call, ChannelTransfer transfer, CancellationToken cancellationToken) =>
        transfer.State is null
            ? CallTransfer.RefuseAsync(call, transfer.ReferredBy.SourceChannel.Id, $"the call is {Name}, not bridged", this, cancellationToken)
            : Stay();

    /// <summary>One of the call's channels is gone (already released by the call).</summary>
    public virtual Task<CallState> OnChannelGoneAsync(Call call, string channelId, int cause, CancellationToken cancellationToken) => Stay();

    /// <summary>A signal from the controller itself (shutdown, a lost channel after a reconnect).</summary>
    public virtual Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken) => Stay();

    /// <summary>The call is over: let go of anything outside the call (ringing registrations).</summary>
    public virtual void OnCompleted(Call call)
    {
    }

    public override string ToString() => Name;

    private Task<CallState> Stay() => Task.FromResult(this);
}
