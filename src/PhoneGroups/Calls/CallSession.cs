using System.Reactive;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>
/// One call, from the caller's channel entering the controller until every channel of the call is gone.
/// The pipeline hands it its events one at a time, in order, so its state needs no locks, with one
/// exception: another call may claim it for pickup (<see cref="TryClaimForPickup"/>), guarded by a lock.
/// </summary>
internal sealed partial class CallSession
{
    private readonly CallServices _services;
    private readonly AsyncSubject<Unit> _completed = new();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal); // channels alive that this call owns
    private readonly Dictionary<string, int> _hangupCauses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everOwned = new(StringComparer.Ordinal); // to release them all at the end
    private CallPhase _phase = CallPhase.New;
    private Channel _caller = new();
    private string _dialed = string.Empty;
    private Queue<DialTarget> _targets = new();
    private DialTarget? _target;
    private string? _legId;
    private int _legCount;
    private string? _lastDialStatus;
    private bool _callerRinging;
    private string? _ringingExtension;
    private string? _bridgeId;
    private string? _playbackId;
    private bool _claimedForPickup;
    private bool _callerGone;

    public CallSession(string callId, CallServices services, DateTimeOffset startedAt)
    {
        CallId = callId;
        _services = services;
        StartedAt = startedAt;
        _channels.Add(callId);
        _everOwned.Add(callId);
    }

    /// <summary>The caller channel's id: the call's id in logs.</summary>
    public string CallId { get; }

    /// <summary>When the call entered the controller.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Signals once, when the call is over and forgotten.</summary>
    public IObservable<Unit> Completed => _completed;

    /// <summary>Where the call is.</summary>
    public CallPhase Phase => _phase;

    /// <summary>Whether the call is still being set up (shutdown waits for these).</summary>
    public bool IsSettingUp => _phase is CallPhase.New or CallPhase.Denying or CallPhase.Dialing;

    /// <summary>The channels alive that this call owns.</summary>
    public IReadOnlyList<string> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _channels];
            }
        }
    }

    /// <summary>Handles one event; a failure is logged with the call's id and ends this call only.</summary>
    public async Task HandleSafelyAsync(AriEvent ariEvent, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(ariEvent, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // one broken call must never stop the others
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogCallFailed(_services.Logger, CallId, ariEvent.Type, e);
            await FailAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(AriEvent ariEvent, CancellationToken cancellationToken)
    {
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        switch (ariEvent)
        {
            case StasisStart start when start.Channel.Id == CallId && _phase == CallPhase.New:
                await StartAsync(start, cancellationToken).ConfigureAwait(false);
                break;
            case StasisStart start when start.Channel.Id == _legId && _phase == CallPhase.Dialing:
                await DialLegAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Dial dial when dial.Peer.Id == _legId:
                await OnDialAsync(dial, cancellationToken).ConfigureAwait(false);
                break;
            case PlaybackFinished finished when finished.Playback.Id == _playbackId:
                await OnPromptFinishedAsync(cancellationToken).ConfigureAwait(false);
                break;
            // A soft hangup request carries Asterisk's soft-hangup flags in "cause" (32 when an ARI dial
            // times out), not a Q.850 cause.
            case ChannelHangupRequest request when request.Cause is > 0 && request.Soft != true:
                _hangupCauses[request.Channel.Id] = request.Cause.Value;
                break;
            case ChannelDestroyed destroyed:
                await OnChannelGoneAsync(ariEvent, destroyed.Channel.Id, destroyed.Cause, cancellationToken).ConfigureAwait(false);
                break;
            // A leg leaves the application only when it ends, and its ChannelDestroyed (with the real cause)
            // follows; the caller also leaves when it is continued into the dialplan.
            case StasisEnd end when end.Channel.Id == CallId:
                await OnChannelGoneAsync(ariEvent, end.Channel.Id, _hangupCauses.GetValueOrDefault(end.Channel.Id), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task StartAsync(StasisStart start, CancellationToken cancellationToken)
    {
        _caller = start.Channel;
        _dialed = start.Args.Count > 0 ? start.Args[0] : start.Channel.Dialplan?.Exten ?? string.Empty;
        await RestoreCallerIdAsync(cancellationToken).ConfigureAwait(false);

        var policy = _services.Policies.Current;
        var identity = CallerIdentity.Identify(policy, ChannelVar(Variables.Caller), _caller.Name, _caller.Caller.Number, _services.Options.TrustCallerIdNumber);
        if (PickupCodes.IsPickup(_dialed, out var pickupExtension))
        {
            await PickUpAsync(identity, pickupExtension, cancellationToken).ConfigureAwait(false);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var decision = policy.Decide(identity.Extension, _dialed);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        LogDecision(decision, identity, elapsed);
        _services.Metrics.Decided(decision.Action.ToCode(), decision.Reason.ToCode(), elapsed);

        switch (decision.Action)
        {
            case DecisionAction.Deny:
                await DenyAsync(decision.Reason.ToCode(), decision.CallerLanguage, cancellationToken).ConfigureAwait(false);
                break;
            case DecisionAction.Bridge:
                _ringingExtension = decision.Callee!.Number;
                _targets = new Queue<DialTarget>([new DialTarget(null, decision.Endpoint!, null, _dialed, null)]);
                await TryNextTargetAsync(HangupCauses.Unavailable, cancellationToken).ConfigureAwait(false);
                break;
            case DecisionAction.Route:
                _targets = RouteTargets(decision);
                await TryNextTargetAsync(HangupCauses.Congestion, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The route and its fail-over routes, in order, as dial targets.</summary>
    private Queue<DialTarget> RouteTargets(Decision decision)
    {
        var targets = new Queue<DialTarget>();
        targets.Enqueue(TargetOf(decision.Route!));
        foreach (var grant in decision.Failover)
        {
            targets.Enqueue(TargetOf(grant));
        }

        return targets;

        DialTarget TargetOf(Policy.Model.RouteGrant grant) =>
            new(grant.Route.Name, grant.Route.FormatDial(_dialed), grant.Route.Context, grant.Route.FormatNumber(_dialed), grant.CallerId);
    }

    private string? ChannelVar(string name) =>
        _caller.ChannelVars is { } vars && vars.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private async Task OnChannelGoneAsync(AriEvent ariEvent, string channelId, int cause, CancellationToken cancellationToken)
    {
        bool owned;
        bool claimed;
        lock (_gate)
        {
            owned = _channels.Remove(channelId);
            claimed = _claimedForPickup;
        }

        if (!owned)
        {
            // Claimed by a pickup: the caller now belongs to the picking call, which must hear of it.
            if (claimed && channelId == CallId)
            {
                _services.Redispatch(ariEvent);
            }

            return;
        }

        _services.Router.Release(channelId, this);
        if (claimed)
        {
            // The picking call hung up our callee leg on purpose and owns the caller now.
        }
        else if (channelId == CallId)
        {
            await OnCallerGoneAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (channelId == _legId && _phase == CallPhase.Dialing && !_callerGone)
        {
            _legId = null;
            var callerCause = HangupCauses.ForFailedLeg(_lastDialStatus, cause);
            LogLegFailed(_services.Logger, CallId, _target?.Route ?? _ringingExtension ?? _dialed, _lastDialStatus ?? string.Empty, cause);
            await TryNextTargetAsync(callerCause, cancellationToken).ConfigureAwait(false);
        }
        else if (_phase == CallPhase.Bridged)
        {
            await HangUpAllAsync(HangupCauses.Normal, cancellationToken).ConfigureAwait(false);
        }

        await CompleteIfEmptyAsync().ConfigureAwait(false);
    }

    private async Task OnCallerGoneAsync(CancellationToken cancellationToken)
    {
        _callerGone = true;
        StopRinging();
        await HangUpAllAsync(HangupCauses.Normal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hangs up every channel still owned; each answers with its own destruction event.</summary>
    private async Task HangUpAllAsync(int cause, CancellationToken cancellationToken)
    {
        foreach (var channel in Channels)
        {
            await _services.Ari.HangupAsync(channel, cause, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CompleteIfEmptyAsync()
    {
        bool empty;
        lock (_gate)
        {
            empty = _channels.Count == 0;
        }

        if (empty)
        {
            await CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Forgets the call: destroys its bridge and releases its channels.</summary>
    private async Task CompleteAsync()
    {
        if (_completed.IsCompleted)
        {
            return;
        }

        StopRinging();
        if (_bridgeId is not null)
        {
            await _services.Ari.DestroyBridgeAsync(_bridgeId).ConfigureAwait(false);
            _bridgeId = null;
        }

        _phase = CallPhase.Ended;
        _services.Router.Remove(this, _everOwned);
        _completed.OnNext(Unit.Default);
        _completed.OnCompleted();
    }

    /// <summary>After an unexpected error: hang up what is left, cleanly, and forget the call.</summary>
    private async Task FailAsync()
    {
        foreach (var channel in Channels)
        {
            try
            {
                await _services.Ari.HangupAsync(channel, HangupCauses.TemporaryFailure).ConfigureAwait(false);
            }
            catch (AriException e)
            {
                LogCleanupFailed(_services.Logger, CallId, channel, e.Message);
            }
        }

        try
        {
            lock (_gate)
            {
                _channels.Clear();
            }

            await CompleteAsync().ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogCleanupFailed(_services.Logger, CallId, _bridgeId ?? string.Empty, e.Message);
        }
    }

    /// <summary>Called after a reconnect for a channel Asterisk no longer has: the event that was lost.</summary>
    public static ChannelDestroyed LostChannel(string channelId) =>
        new() { Type = nameof(ChannelDestroyed), Channel = new Channel { Id = channelId }, Cause = HangupCauses.Normal, CauseText = "lost while disconnected" };

    private void StopRinging()
    {
        if (_ringingExtension is not null)
        {
            _services.Ringing.Remove(_ringingExtension, this);
        }
    }

    /// <summary>Channel variables the controller reads and writes.</summary>
    internal static class Variables
    {
        /// <summary>The trusted caller identity set by the dialplan.</summary>
        public const string Caller = "PHONEGROUPS_CALLER";

        /// <summary>The caller ID a context route replaced, to be put back.</summary>
        public const string OriginalCallerId = "PHONEGROUPS_ORIGINAL_CALLERID";

        /// <summary>Why a call handed to the denial context was denied.</summary>
        public const string Reason = "PHONEGROUPS_REASON";
    }
}
