using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>Calling the callee: an extension, or a route and its fail-over routes; bridging on answer.</summary>
internal sealed partial class CallSession
{
    /// <summary>
    /// Calls the next target. With none left, the caller is hung up with <paramref name="causeIfNone"/>:
    /// the cause of the last failure, so the phone shows busy, no answer or unavailable.
    /// </summary>
    private async Task TryNextTargetAsync(int causeIfNone, CancellationToken cancellationToken)
    {
        // Busy or no answer is the called party's answer: fail-over is for routes that fail.
        var mayFailOver = _target is null || HangupCauses.IsRouteFailure(causeIfNone);
        if (!mayFailOver || !_targets.TryDequeue(out var target))
        {
            StopRinging();
            await _services.Ari.HangupAsync(CallId, causeIfNone, cancellationToken).ConfigureAwait(false);
            return;
        }

        _target = target;
        _lastDialStatus = null;
        if (target.Dial is null)
        {
            await HandToContextAsync(target, cancellationToken).ConfigureAwait(false);
            return;
        }

        var legId = $"{CallId}-leg{++_legCount}";
        lock (_gate)
        {
            _channels.Add(legId);
            _everOwned.Add(legId);
        }

        // Owned before it exists: its StasisStart may arrive before Asterisk answers the request.
        _services.Router.Assign(legId, this);
        _legId = legId;
        _phase = CallPhase.Dialing;
        // An outgoing channel presents its connected line as the calling party: From and P-Asserted-Identity
        // of the INVITE (and a Local channel's caller ID) are built from it.
        var variables = target.CallerId is null ? null : new Dictionary<string, string>
        {
            ["CONNECTEDLINE(num,i)"] = target.CallerId,
            ["CONNECTEDLINE(name,i)"] = target.CallerId,
        };
        try
        {
            await _services.Ari.CreateChannelAsync(new CreateChannelRequest(target.Dial, _services.App)
            {
                ChannelId = legId,
                Originator = CallId,
                Variables = variables,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            LogLegRefused(_services.Logger, CallId, target.Dial, e.Message);
            lock (_gate)
            {
                _channels.Remove(legId);
            }

            _services.Router.Release(legId, this);
            _legId = null;
            await TryNextTargetAsync(HangupCauses.Unavailable, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_ringingExtension is not null)
        {
            _services.Ringing.Add(_ringingExtension, this);
        }
    }

    /// <summary>The leg is in the application: now it may be dialed (Asterisk refuses a dial before).</summary>
    /// <remarks>
    /// Dialing "as" the caller copies the caller's ID onto the leg's connected line; a leg that must present
    /// the group's caller ID is dialed without it, so the connected line set at creation stays.
    /// </remarks>
    private Task DialLegAsync(CancellationToken cancellationToken) =>
        _services.Ari.DialAsync(_legId!, _target?.CallerId is null ? CallId : null, _services.Options.RingTimeoutSeconds, cancellationToken);

    private async Task OnDialAsync(Dial dial, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(dial.DialStatus))
        {
            _lastDialStatus = dial.DialStatus;
        }

        switch (dial.DialStatus)
        {
            case "RINGING" or "PROGRESS" when !_callerRinging && _phase == CallPhase.Dialing:
                _callerRinging = true;
                await _services.Ari.RingAsync(CallId, cancellationToken).ConfigureAwait(false);
                break;
            case "ANSWER" when _phase == CallPhase.Dialing && !IsClaimed():
                await BridgeAsync(_legId!, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Answers the caller and bridges it with <paramref name="otherId"/>.</summary>
    private async Task BridgeAsync(string otherId, CancellationToken cancellationToken)
    {
        StopRinging();
        _phase = CallPhase.Bridged;
        await _services.Ari.AnswerAsync(CallId, cancellationToken).ConfigureAwait(false);
        _bridgeId = $"{CallId}-bridge";
        await _services.Ari.CreateBridgeAsync(_bridgeId, "mixing", $"phonegroups {_dialed}", cancellationToken).ConfigureAwait(false);
        await _services.Ari.AddChannelsAsync(_bridgeId, [CallId, otherId], cancellationToken).ConfigureAwait(false);
        _services.Metrics.BridgeCreated();
        LogBridged(_services.Logger, CallId, _dialed, _target?.Route ?? "internal");
    }

    private bool IsClaimed()
    {
        lock (_gate)
        {
            return _claimedForPickup;
        }
    }
}
