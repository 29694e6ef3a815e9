using PhoneGroups.Policy.Compilation;

namespace PhoneGroups.Calls;

/// <summary>
/// Call pickup: *8 takes a call ringing for the picker's group, **EXT the call ringing at EXT. The
/// controller created the ringing legs, so it knows them: picking up answers the picker, hangs up the
/// ringing leg and bridges the picker with the original caller.
/// </summary>
internal sealed partial class CallSession
{
    private async Task PickUpAsync(CallerIdentity picker, string? directedExtension, CancellationToken cancellationToken)
    {
        var policy = _services.Policies.Current;
        var pickerGroup = picker.Extension is not null && policy.TryGetExtension(picker.Extension, out var pickerInfo) ? pickerInfo.Group : null;
        var candidates = directedExtension is not null
            ? _services.Ringing.Where(extension => extension == directedExtension)
            : _services.Ringing.Where(extension => pickerGroup is not null && policy.TryGetExtension(extension, out var ringing) && ringing.Group == pickerGroup);

        var refused = false;
        foreach (var (extension, target) in candidates)
        {
            if (picker.Extension is null || !policy.MayPickUp(picker.Extension, extension))
            {
                refused = true;
                continue;
            }

            if (target != this && target.TryClaimForPickup(this, out var callerId, out var legId))
            {
                LogPickup(_services.Logger, CallId, picker.Extension, extension, target.CallId);
                _services.Metrics.Decided("pickup", "pickup-allowed", TimeSpan.Zero);
                await CompletePickupAsync(callerId, legId, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var reason = refused ? "pickup-isolated" : "pickup-nothing-ringing";
        LogPickupDenied(_services.Logger, CallId, picker.Extension ?? "unknown", _dialed, reason);
        _services.Metrics.Decided("deny", reason, TimeSpan.Zero);
        await DenyAsync(reason, LanguageOf(policy, picker.Extension), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands this ringing call over to the picking call, or refuses when it is no longer ringing. From here
    /// on every event of the caller's channel goes to the picking call.
    /// </summary>
    public bool TryClaimForPickup(CallSession picker, out string callerId, out string legId)
    {
        lock (_gate)
        {
            callerId = CallId;
            legId = _legId ?? string.Empty;
            if (_claimedForPickup || _phase != CallPhase.Dialing || _legId is null || !_channels.Contains(CallId))
            {
                return false;
            }

            _claimedForPickup = true;
            _channels.Remove(CallId);
            _services.Router.Assign(CallId, picker);
        }

        StopRinging();
        return true;
    }

    private async Task CompletePickupAsync(string callerId, string ringingLegId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _channels.Add(callerId);
            _everOwned.Add(callerId);
        }

        await _services.Ari.AnswerAsync(CallId, cancellationToken).ConfigureAwait(false);
        await _services.Ari.HangupAsync(ringingLegId, HangupCauses.AnsweredElsewhere, cancellationToken).ConfigureAwait(false);

        // The picker takes the place of the callee: bridged with the original caller.
        _phase = CallPhase.Bridged;
        await _services.Ari.AnswerAsync(callerId, cancellationToken).ConfigureAwait(false);
        _bridgeId = $"{CallId}-bridge";
        await _services.Ari.CreateBridgeAsync(_bridgeId, "mixing", $"phonegroups pickup {_dialed}", cancellationToken).ConfigureAwait(false);
        await _services.Ari.AddChannelsAsync(_bridgeId, [callerId, CallId], cancellationToken).ConfigureAwait(false);
        _services.Metrics.BridgeCreated();
    }

    private static string? LanguageOf(CompiledPolicy policy, string? extension) =>
        extension is not null && policy.TryGetExtension(extension, out var info) ? info.EffectiveLanguage : null;
}
