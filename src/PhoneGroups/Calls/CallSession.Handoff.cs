using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>Calls handed back to the dialplan, and the caller ID that must come back with them.</summary>
internal sealed partial class CallSession
{
    /// <summary>
    /// A route with a context: the caller's channel continues there with the group's caller ID. The
    /// original caller ID is kept in a channel variable and put back if the call comes to the controller
    /// again (<see cref="RestoreCallerIdAsync"/>).
    /// </summary>
    private async Task HandToContextAsync(DialTarget target, CancellationToken cancellationToken)
    {
        if (target.CallerId is not null)
        {
            await _services.Ari.SetVariableAsync(CallId, Variables.OriginalCallerId, _caller.Caller.Number, cancellationToken).ConfigureAwait(false);
            await _services.Ari.SetVariableAsync(CallId, "CALLERID(num)", target.CallerId, cancellationToken).ConfigureAwait(false);
        }

        await ContinueAsync(target.Context!, target.Number, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves the call to the dialplan: from here on, Asterisk's dialplan owns the channel.</summary>
    private async Task ContinueAsync(string context, string extension, CancellationToken cancellationToken)
    {
        StopRinging();
        _phase = CallPhase.HandedOff;
        await _services.Ari.ContinueAsync(CallId, context, extension, 1, cancellationToken).ConfigureAwait(false);
        LogHandedOff(_services.Logger, CallId, context, extension);
        lock (_gate)
        {
            _channels.Clear();
        }

        await CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>A call that comes back after a context route gets its own caller ID again.</summary>
    private async Task RestoreCallerIdAsync(CancellationToken cancellationToken)
    {
        var original = ChannelVar(Variables.OriginalCallerId);
        if (original is null)
        {
            return;
        }

        await _services.Ari.SetVariableAsync(CallId, "CALLERID(num)", original, cancellationToken).ConfigureAwait(false);
        await _services.Ari.SetVariableAsync(CallId, Variables.OriginalCallerId, string.Empty, cancellationToken).ConfigureAwait(false);
        _caller = _caller with { Caller = _caller.Caller with { Number = original } };
    }
}
