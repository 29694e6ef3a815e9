using System.Reactive;
using System.Reactive.Subjects;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// One call, from the caller's channel entering the controller until every channel of the call is gone.
/// What the call does is its <see cref="CallState"/> (the states and their transitions are listed there);
/// this type owns what every state shares: the channels the call owns, the caller, the dialed number,
/// its bridge, and the rule that a call owning no channel is over.
/// </summary>
/// <remarks>
/// The pipeline hands a call its events one at a time, in order, so states need no locks. The one thing
/// another call may touch is channel ownership (a pickup takes the caller away): <see cref="CallChannels"/>
/// guards it with a lock.
/// </remarks>
internal sealed class Call
{
    private readonly Dictionary<string, int> _hangupCauses = new(StringComparer.Ordinal);
    private readonly AsyncSubject<Unit> _completed = new();
    private CallState _state;
    private int _legNumber;

    public Call(string id, CallServices services, DateTimeOffset startedAt, CallState initial)
    {
        Id = id;
        Services = services;
        StartedAt = startedAt;
        _state = initial;
        Channels = new CallChannels(this, services.Router);
        Channels.Own(id);
    }

    /// <summary>The caller channel's id: the call's id in logs.</summary>
    public string Id { get; }

    private bool _entered;

    public CallServices Services { get; }

    /// <summary>When the call entered the controller (or was adopted by it).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Where the call is.</summary>
    public CallState State => _state;

    /// <summary>
    /// Marks the caller's StasisStart as routed to this call. False when one was already: the channel has
    /// come back into the application (a dialplan the call was handed to sent it back), which is a new call.
    /// Only the event loop calls it.
    /// </summary>
    public bool MarkEntered() => !_entered && (_entered = true);

    /// <summary>The caller's channel as it entered.</summary>
    public Channel Caller { get; set; } = new();

    /// <summary>The number the caller dialed.</summary>
    public string Dialed { get; set; } = string.Empty;

    /// <summary>Where the call came from, once identified (null before): a trunk call never gets the phones' fallback.</summary>
    public Policy.Decisions.CallOrigin? Origin { get; set; }

    /// <summary>Who the caller is, once identified (null before, and for calls adopted after a restart): forwards and transfers are decided with it.</summary>
    public CallerIdentity? Identity { get; set; }

    /// <summary>The bridge the call made (or asked for), destroyed when the call ends.</summary>
    public string? BridgeId { get; set; }

    /// <summary>Whether Asterisk confirmed <see cref="BridgeId"/> exists (it may be made while the callee rings).</summary>
    public bool BridgeCreated { get; set; }

    /// <summary>When the last transfer request (ChannelTransfer) came in, as a <see cref="TimeProvider"/> timestamp: see <see cref="TransferProgress"/>.</summary>
    public long TransferArrivedAt { get; private set; }

    /// <summary>The number of the next leg (<see cref="LegIds"/>); never one an earlier process used for this call.</summary>
    public int NextLegNumber() => ++_legNumber;

    /// <summary>Legs up to <paramref name="number"/> were made by an earlier process: new ones count on from there.</summary>
    public void LegsUsedBefore(int number) => _legNumber = Math.Max(_legNumber, number);

    /// <summary>Signals once, when the call is over and forgotten.</summary>
    public IObservable<Unit> Completed => _completed;

    public bool IsCompleted => _completed.IsCompleted;

    /// <summary>The channels the call owns.</summary>
    public CallChannels Channels { get; }

    /// <summary>Hangs up one of the call's channels; one Asterisk no longer has is let go at once (its event may never come).</summary>
    public async Task HangUpAsync(string channelId, int cause, CancellationToken cancellationToken = default)
    {
        if (!await Services.Ari.HangupAsync(channelId, cause, cancellationToken).ConfigureAwait(false))
        {
            Channels.Release(channelId);
        }
    }

    /// <summary>Handles one event; a failure ends this call only, and is logged with its id.</summary>
    public async Task HandleSafelyAsync(AriEvent ariEvent, CancellationToken cancellationToken)
    {
        if (IsCompleted)
        {
            return;
        }

        var before = _state;
        try
        {
            var next = await DispatchAsync(ariEvent, cancellationToken).ConfigureAwait(false);
            MoveTo(next, ariEvent);
        }
#pragma warning disable CA1031 // one broken call must never stop the others
        catch (Exception e)
#pragma warning restore CA1031
        {
            // A party hung up while we were acting on the call: an ordinary end, not a failure. Asterisk says so
            // (404, "not in Stasis"), or refuses a channel being hung up with a plain 500 ("Failed to answer
            // channel"): then whether a party is gone by now tells a hang-up race from a real failure.
            if (e is AriException refusal && (ChannelGoneErrors.IsChannelGone(refusal) || await HangupRace.APartyIsGoneAsync(this).ConfigureAwait(false)))
            {
                CallLog.ChannelLeftDuring(Services.Logger, Id, before.Name, refusal.AsteriskMessage);
                MoveTo(await EndingState.HangUpAllAsync(this, HangupCauses.Normal).ConfigureAwait(false), ariEvent);
            }
            else
            {
                CallLog.CallFailed(Services.Logger, Id, before.Name, ariEvent.Type, e);
                MoveTo(await EndingState.HangUpAllAsync(this, HangupCauses.TemporaryFailure).ConfigureAwait(false), ariEvent);
            }
        }

        if (Channels.Owned.Count == 0)
        {
            await CompleteAsync().ConfigureAwait(false);
        }
    }

    private Task<CallState> DispatchAsync(AriEvent ariEvent, CancellationToken cancellationToken)
    {
        switch (ariEvent)
        {
            case StasisStart start when start.Channel.Id == Id:
                return _state.OnCallerEnteredAsync(this, start, cancellationToken);
            case StasisStart start:
                return _state.OnChannelEnteredAsync(this, start, cancellationToken);
            case Dial dial:
                return _state.OnDialAsync(this, dial, cancellationToken);
            case ChannelStateChange change:
                return _state.OnChannelStateChangedAsync(this, change, cancellationToken);
            case PlaybackFinished finished:
                return _state.OnPlaybackFinishedAsync(this, finished, cancellationToken);
            case ChannelDtmfReceived dtmf:
                return _state.OnDtmfAsync(this, dtmf, cancellationToken);
            case ChannelEnteredBridge entered:
                return BridgeGuard.OnEnteredAsync(this, entered, cancellationToken);
            case ChannelTransfer transfer:
                TransferArrivedAt = Services.Time.GetTimestamp();
                return _state.OnTransferAsync(this, transfer, cancellationToken);
            case CallSignal signal:
                return _state.OnSignalAsync(this, signal, cancellationToken);
            // A soft hangup request carries Asterisk's soft-hangup flags in "cause" (32 when an ARI dial
            // times out), not a Q.850 cause.
            case ChannelHangupRequest request when request.Cause is > 0 && request.Soft != true:
                _hangupCauses[request.Channel.Id] = request.Cause.Value;
                return Task.FromResult(_state);
            case ChannelDestroyed destroyed:
                return OnChannelGoneAsync(ariEvent, destroyed.Channel.Id, destroyed.Cause, cancellationToken);
            // A leg leaves the application only when it ends, and its ChannelDestroyed (with the real cause)
            // follows: the application created it, so it is subscribed to it. A caller (this call's, or one it
            // took over by pickup or transfer) leaves when it hangs up or is continued into the dialplan, and
            // nothing may follow: Asterisk sends its ChannelDestroyed only to an application that made it some
            // leg's originator.
            case StasisEnd end when end.Channel.Id == Id || !LegIds.IsLeg(end.Channel.Id):
                return OnChannelGoneAsync(ariEvent, end.Channel.Id, HangupCauseOf(end.Channel.Id), cancellationToken);
            default:
                return Task.FromResult(_state);
        }
    }

    /// <summary>The Q.850 cause a hard hangup request gave for a channel, 0 when none was seen.</summary>
    private int HangupCauseOf(string channelId) => _hangupCauses.GetValueOrDefault(channelId);

    private Task<CallState> OnChannelGoneAsync(AriEvent ariEvent, string channelId, int cause, CancellationToken cancellationToken)
    {
        if (Channels.Release(channelId))
        {
            return _state.OnChannelGoneAsync(this, channelId, cause, cancellationToken);
        }

        // Taken by a pickup while this event was on its way: the call that owns the channel now must hear of it.
        if (Services.Router.OwnerOf(channelId) is { } owner && owner != this)
        {
            Services.Redispatch(ariEvent);
        }

        return Task.FromResult(_state);
    }

    private void MoveTo(CallState next, AriEvent cause)
    {
        if (!ReferenceEquals(next, _state))
        {
            CallLog.Transition(Services.Logger, Id, _state.Name, cause.Type, next.Name);
            _state = next;
        }
    }

    /// <summary>Destroys the call's bridge; one Asterisk refuses to destroy is destroyed again later.</summary>
    private async Task DestroyBridgeAsync(string bridge)
    {
        try
        {
            await Services.Ari.DestroyBridgeAsync(bridge).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            CallLog.CleanupFailed(Services.Logger, Id, "bridge " + bridge, e.Message);
            _ = LateBridgeTeardown.RunAsync(Services, Id, bridge);
        }
    }

    /// <summary>Forgets the call: destroys its bridge and releases its channels, whatever fails on the way.</summary>
    private async Task CompleteAsync()
    {
        if (_completed.IsCompleted)
        {
            return;
        }

        try
        {
            _state.OnCompleted(this);
            if (BridgeId is { } bridge)
            {
                BridgeId = null;
                BridgeCreated = false;
                await DestroyBridgeAsync(bridge).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // the call is forgotten whatever its cleanup met
        catch (Exception e)
#pragma warning restore CA1031
        {
            CallLog.CleanupFailed(Services.Logger, Id, "bridge", e.Message);
        }
        finally
        {
            _state = EndedState.Instance;
            Services.Router.Remove(this, Channels.Close());
            Services.Ringing.Forget(this); // whatever state it ended in, or it stays listed for ever
            _completed.OnNext(Unit.Default);
            _completed.OnCompleted();
        }
    }
}
