using PhoneGroups.Ari.Rest;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>
/// Calling the callee of one call: the targets in order (an extension, or a route and its fail-over
/// routes), the leg being dialed now, and what became of the last one.
/// </summary>
internal sealed class DialAttempt
{
    private readonly Call _call;
    private readonly Queue<DialTarget> _targets;
    private readonly string? _extension; // an internal call rings this extension (pickup finds it)
    private readonly string? _accountCode; // a call permission's, once its password was entered
    private readonly bool _emergency; // must not be lost: no ring timeout, every route tried whatever the failure
    private readonly DialPurpose _purpose;
    private int _legNumber; // of the leg being called: names its ring timer's signal
    private ITimer? _ringTimer;

    private DialAttempt(Call call, Queue<DialTarget> targets, string? extension, string? accountCode, bool emergency, ForwardChain? forwards, DialPurpose? purpose)
    {
        _emergency = emergency;
        _call = call;
        _targets = targets;
        _extension = extension;
        _accountCode = accountCode;
        Forwards = forwards;
        _purpose = purpose ?? new CallerDialPurpose(call);
    }

    /// <summary>The extension an internal call rings (the forwarder if it answers 302), null for a route.</summary>
    public string? Extension => _extension;

    /// <summary>The account code a call-permission password put on the call's legs, if any.</summary>
    public string? AccountCode => _accountCode;

    /// <summary>The forwards that led to this attempt (null for the number the caller dialed).</summary>
    public ForwardChain? Forwards { get; }

    /// <summary>The target being called.</summary>
    public DialTarget? Target { get; private set; }

    /// <summary>The leg being dialed, null between two targets.</summary>
    public string? LegId { get; private set; }

    /// <summary>The last dial status Asterisk reported for the leg (RINGING, BUSY, ...).</summary>
    public string? LastDialStatus { get; private set; }

    /// <summary>The leg as call pickup sees it while it rings (internal calls only).</summary>
    public RingingLeg? Ringing { get; private set; }

    /// <summary>Whether the caller already hears ringing.</summary>
    public bool CallerRinging { get; private set; }

    /// <summary>What to call for an allowed decision.</summary>
    /// <remarks>
    /// <paramref name="accountCode"/> goes on every leg's CDR (<c>CHANNEL(accountcode)</c>). A forwarded call
    /// dials <paramref name="number"/> (the forward target) instead of the number the caller dialed; a
    /// transfer has its own <paramref name="purpose"/>.
    /// </remarks>
    public static DialAttempt For(Call call, Decision decision, string? accountCode = null, string? number = null, ForwardChain? forwards = null, DialPurpose? purpose = null)
    {
        number ??= call.Dialed;
        if (decision.Action == DecisionAction.Bridge)
        {
            return new DialAttempt(call, new Queue<DialTarget>([new DialTarget(null, decision.Endpoint!, null, number, null)]), decision.Callee!.Number, accountCode, false, forwards, purpose);
        }

        var targets = new Queue<DialTarget>();
        targets.Enqueue(TargetOf(decision.Route!));
        foreach (var grant in decision.Failover)
        {
            targets.Enqueue(TargetOf(grant));
        }

        return new DialAttempt(call, targets, null, accountCode, decision.IsEmergency, forwards, purpose);

        DialTarget TargetOf(Policy.Model.RouteGrant grant) =>
            new(grant.Route.Name, grant.Route.FormatDial(number), grant.Route.Context, grant.Route.FormatNumber(number), grant.CallerId);
    }

    /// <summary>Calls the first target.</summary>
    public Task<CallState> StartAsync(CancellationToken cancellationToken) => NextAsync(HangupCauses.Unavailable, cancellationToken);

    /// <summary>
    /// Calls the next target. With none left, or when <paramref name="causeIfNone"/> is the called
    /// party's own answer (busy, no answer), the purpose ends with it: the caller is hung up with it, so the
    /// phone shows why (a transfer fails instead).
    /// </summary>
    public async Task<CallState> NextAsync(int causeIfNone, CancellationToken cancellationToken)
    {
        WithdrawRinging();
        var mayFailOver = Target is null || _emergency || HangupCauses.IsRouteFailure(causeIfNone);
        if (!mayFailOver || !_targets.TryDequeue(out var target))
        {
            return await _purpose.ExhaustedAsync(causeIfNone, cancellationToken).ConfigureAwait(false);
        }

        Target = target;
        LastDialStatus = null;
        CallerRinging = false;
        if (target.Dial is null)
        {
            // Only the caller's own call can be handed to the dialplan; a transfer goes on to the next route.
            return _purpose.IsCallersOwn
                ? await DialplanHandoff.ToRouteContextAsync(_call, target, cancellationToken).ConfigureAwait(false)
                : await NextAsync(HangupCauses.Unavailable, cancellationToken).ConfigureAwait(false);
        }

        _legNumber = _call.NextLegNumber();
        var legId = LegIds.For(_call.Id, _legNumber);
        // Owned before it exists: its StasisStart may arrive before Asterisk answers the request.
        _call.Channels.Own(legId, beforeCreation: true);
        LegId = legId;
        try
        {
            await _call.Services.Ari.CreateChannelAsync(new CreateChannelRequest(target.Dial, _call.Services.App)
            {
                ChannelId = legId,
                Originator = IsLocalChannel(target.Dial) ? null : _purpose.Party,
                Variables = LegVariables(target.CallerId, _accountCode),
            }, cancellationToken).ConfigureAwait(false);
            _call.Channels.Created(legId);
        }
        catch (AriException e)
        {
            CallLog.LegRefused(_call.Services.Logger, _call.Id, target.Dial, e.Message);
            await AbandonLegAsync(HangupCauses.Normal).ConfigureAwait(false); // a timed-out request may still have made it
            return await NextAsync(HangupCauses.Unavailable, cancellationToken).ConfigureAwait(false);
        }

        if (_extension is not null && _purpose.IsCallersOwn)
        {
            Ringing = new RingingLeg(_call, _extension, legId, _call.StartedAt);
            _call.Services.Ringing.Add(Ringing);
        }

        return _purpose.Ringing(this);
    }

    /// <summary>The leg is in the application: now it may be dialed (Asterisk refuses a dial before).</summary>
    /// <remarks>
    /// Dialing "as" the caller copies the caller's ID onto the leg's connected line; a leg that must present
    /// the group's caller ID is dialed without it, so the connected line set at creation stays.
    /// The ring timeout is the controller's (<see cref="IsRingTimeout"/>), not Asterisk's: a leg dialed over ARI
    /// with a timeout keeps a dial-timeout datastore, and every bridge it joins sets an interval hook from it,
    /// which Asterisk 22.10 does without holding the bridge channel's features: a leg hung up at that moment
    /// crashed Asterisk (twice in the soak, res/stasis/control.c set_interval_hook; docs/benchmarks.md).
    /// </remarks>
    public async Task DialLegAsync(CancellationToken cancellationToken)
    {
        await _call.Services.Ari.DialAsync(LegId!, Target?.CallerId is null ? _purpose.Party : null, 0, cancellationToken).ConfigureAwait(false);
        StartRingTimer();
    }

    /// <summary>Whether <paramref name="signal"/> is the ring timeout of the leg being called now (its answer stops it).</summary>
    public bool IsRingTimeout(CallSignal signal) =>
        signal.Kind == CallSignalKind.RingTimeout && _ringTimer is not null && LegId is not null && signal.Generation == _legNumber;

    /// <summary>The leg answered, or is no longer called: its ring timeout will not fire.</summary>
    public void StopRingTimer()
    {
        _ringTimer?.Dispose();
        _ringTimer = null;
    }

    private void StartRingTimer()
    {
        StopRingTimer();
        var ringSeconds = _emergency ? EmergencyRingSeconds : _call.Services.Options.RingTimeoutSeconds;
        _ringTimer = _call.Services.SignalLater(_call.Id, CallSignalKind.RingTimeout, TimeSpan.FromSeconds(ringSeconds), _legNumber);
    }

    // Emergency legs are not cut by the ordinary ring timeout: they ring until the far end answers or
    // refuses, bounded only so a leg to a dead network cannot ring for ever.
    private const int EmergencyRingSeconds = 600;

    /// <summary>Records a dial status of the leg.</summary>
    public void Observe(string dialStatus)
    {
        if (!string.IsNullOrEmpty(dialStatus))
        {
            LastDialStatus = dialStatus;
        }
    }

    /// <summary>
    /// A dial status of the current leg, taken alike by every state that dials: it is recorded; the first
    /// ringing (or progress) of a target rings the caller when <paramref name="ringsCaller"/>; an answer is
    /// <paramref name="answeredAsync"/>; busy, congestion, unavailable or no answer, and CANCEL when
    /// <paramref name="cancelFails"/>, fail the leg (<see cref="FailLegAsync"/>, logged as <paramref name="target"/>).
    /// Any other status leaves the call in <paramref name="state"/>.
    /// </summary>
    /// <remarks>
    /// A caller's leg is cancelled when a pickup takes it (the picking call owns the caller then), so only a
    /// transfer's leg fails over on CANCEL.
    /// </remarks>
    public async Task<CallState> FollowDialAsync(
        CallState state,
        string dialStatus,
        string target,
        Func<Task<CallState>> answeredAsync,
        bool ringsCaller,
        bool cancelFails,
        CancellationToken cancellationToken)
    {
        Observe(dialStatus);
        switch (dialStatus)
        {
            case "RINGING" or "PROGRESS" when ringsCaller && !CallerRinging:
                CallerRinging = true;
                await _call.Services.Ari.RingAsync(_call.Id, cancellationToken).ConfigureAwait(false);
                return state;
            case "ANSWER":
                StopRingTimer();
                return await answeredAsync().ConfigureAwait(false);
            case "BUSY" or "CONGESTION" or "CHANUNAVAIL" or "NOANSWER":
            case "CANCEL" when cancelFails:
                return await FailLegAsync(dialStatus, target, cancellationToken).ConfigureAwait(false);
            default:
                return state;
        }
    }

    /// <summary>
    /// The ringing leg failed (busy, congestion, unavailable, no answer): logged as <paramref name="target"/>,
    /// hung up, and the next target is tried; with none left the caller gets the leg's cause.
    /// </summary>
    public async Task<CallState> FailLegAsync(string dialStatus, string target, CancellationToken cancellationToken)
    {
        var cause = HangupCauses.ForFailedLeg(dialStatus, 0);
        CallLog.LegFailed(_call.Services.Logger, _call.Id, target, dialStatus, cause);
        await AbandonLegAsync(HangupCauses.Normal).ConfigureAwait(false);
        return await NextAsync(cause, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives up on the current leg: it is hung up (its destruction still comes to the call, which owns it
    /// until then) and the attempt no longer follows it.
    /// </summary>
    public async Task AbandonLegAsync(int cause)
    {
        WithdrawRinging();
        if (LegId is not { } leg)
        {
            return;
        }

        LegId = null;
        await _call.HangUpAsync(leg, cause).ConfigureAwait(false);
    }

    /// <summary>The current leg ended by itself.</summary>
    public void LegGone()
    {
        WithdrawRinging();
        LegId = null;
    }

    /// <summary>The leg no longer rings: not for pickup, and its ring timeout will not fire.</summary>
    public void WithdrawRinging()
    {
        StopRingTimer();
        if (Ringing is { } ringing)
        {
            ringing.Withdraw();
            _call.Services.Ringing.Remove(ringing);
        }
    }

    /// <summary>
    /// Whether <paramref name="dial"/> makes a Local channel pair. Such a leg is created without the caller as
    /// its originator: Asterisk 22.10 reads the originator's datastores unlocked while it makes the pair
    /// (core_unreal.c), and a caller hanging up in that instant crashed it. The leg takes the caller's linked id
    /// anyway when both join the call's bridge; a PJSIP leg keeps the originator (the caller's codecs first).
    /// </summary>
    private static bool IsLocalChannel(string dial) => dial.StartsWith("Local/", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string>? LegVariables(string? callerId, string? accountCode)
    {
        if (callerId is null && accountCode is null)
        {
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (callerId is not null)
        {
            // An outgoing channel presents its connected line as the calling party: From and P-Asserted-Identity
            // of the INVITE (and a Local channel's caller ID) are built from it.
            variables["CONNECTEDLINE(num,i)"] = callerId;
            variables["CONNECTEDLINE(name,i)"] = callerId;
        }

        if (accountCode is not null)
        {
            variables["CHANNEL(accountcode)"] = accountCode;
        }

        return variables;
    }
}
