using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// Connecting two parties: the caller is answered and both go into one mixing bridge named after the call.
/// For the caller's own call the caller waits in that bridge while its callee is called
/// (<see cref="StartCallerWait"/>), so the answer costs the caller's answer and the callee's add, side by side.
/// A transfer's bridge is made while the target rings (<see cref="PrepareAsync"/>).
/// </summary>
/// <remarks>
/// The callee's leg joins only once it answered: a ringing leg in the caller's bridge would pass its busy or
/// congestion on to the caller (a SIP caller gets the 486 or 503 as its final answer), and fail-over to the next
/// route would come too late.
/// </remarks>
internal static class CallBridging
{
    /// <summary>
    /// The caller joins the call's bridge (made now), in the background: the leg is created and dialed meanwhile.
    /// Once per call; fail-over and forwards keep the caller where it is. Never throws: a refusal leaves the
    /// caller outside, and it is added at the answer, as before.
    /// </summary>
    /// <remarks>
    /// Not cancelled with the event that started it (its token ends with the event's handling); each request is
    /// bounded by <c>Ari:RequestTimeoutSeconds</c>, and the call's completion waits for it.
    /// </remarks>
    public static void StartCallerWait(Call call) =>
        call.CallerWaitsInBridge ??= JoinCallerAsync(call, CancellationToken.None);

    /// <summary>
    /// The caller leaves the bridge it waits in (a forward was denied: the prompt is the caller's alone). No-op
    /// when it is not there.
    /// </summary>
    public static async Task LeaveAsync(Call call, CancellationToken cancellationToken)
    {
        if (call.CallerWaitsInBridge is not { } waits || !await waits.ConfigureAwait(false))
        {
            return;
        }

        call.CallerWaitsInBridge = null;
        await call.Services.Ari.RemoveChannelAsync(call.BridgeId!, call.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the call's bridge ahead of the answer. It is the call's from the request on
    /// (<see cref="Call.BridgeId"/>), so however the call ends (before the answer too) its completion destroys
    /// it. Never throws for Asterisk's refusal: the bridge is then made at the answer, as before.
    /// </summary>
    public static async Task PrepareAsync(Call call, CancellationToken cancellationToken)
    {
        if (call.BridgeId is not null)
        {
            return; // made already (an earlier target, a forward, the caller waiting in it)
        }

        try
        {
            await CreateAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            CallLog.BridgeNotPrepared(call.Services.Logger, call.Id, e.Message);
        }
    }

    /// <summary>Answers <paramref name="callerId"/> and bridges it with <paramref name="otherId"/>, in a bridge of <paramref name="call"/>.</summary>
    public static async Task<CallState> BridgeAsync(Call call, string otherId, string route, CancellationToken cancellationToken, string? callerId = null)
    {
        var ari = call.Services.Ari;
        callerId ??= call.Id;
        var callerWaits = callerId == call.Id && call.CallerWaitsInBridge is { } waits && await waits.ConfigureAwait(false);
        if (!call.BridgeCreated)
        {
            await CreateAsync(call, cancellationToken).ConfigureAwait(false);
        }

        // A caller outside the bridge is answered, then added: Asterisk refuses to answer a channel that is joining
        // a bridge (500 or 404 "not found", seen under load with both sent together), which would end a call that
        // was connected. The other party joins meanwhile, in its own request: one request for both waits for each
        // in turn (docs/benchmarks.md).
        var callerJoins = callerWaits
            ? ari.AnswerAsync(callerId, cancellationToken)
            : AnswerAndAddAsync(ari, call.BridgeId!, callerId, cancellationToken);
        var otherJoins = ari.AddChannelsAsync(call.BridgeId!, [otherId], cancellationToken);
        await Task.WhenAll(callerJoins, otherJoins).ConfigureAwait(false);
        call.Services.Metrics.BridgeCreated();
        CallLog.Bridged(call.Services.Logger, call.Id, call.Dialed, route);
        return BridgedState.Instance;
    }

    private static async Task<bool> JoinCallerAsync(Call call, CancellationToken cancellationToken)
    {
        try
        {
            if (!call.BridgeCreated)
            {
                await CreateAsync(call, cancellationToken).ConfigureAwait(false);
            }

            await call.Services.Ari.AddChannelsAsync(call.BridgeId!, [call.Id], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is AriException or OperationCanceledException)
        {
            CallLog.CallerNotWaitingInBridge(call.Services.Logger, call.Id, e.Message);
            return false;
        }
    }

    private static async Task AnswerAndAddAsync(IAriClient ari, string bridgeId, string callerId, CancellationToken cancellationToken)
    {
        await ari.AnswerAsync(callerId, cancellationToken).ConfigureAwait(false);
        await ari.AddChannelsAsync(bridgeId, [callerId], cancellationToken).ConfigureAwait(false);
    }

    private static async Task CreateAsync(Call call, CancellationToken cancellationToken)
    {
        var bridgeId = BridgeNames.IdFor(call.Id);
        var attemptedBefore = call.BridgeId is not null;
        call.BridgeId = bridgeId;
        try
        {
            await call.Services.Ari.CreateBridgeAsync(bridgeId, "mixing", BridgeNames.NameFor(call.Services.App, call.Id), cancellationToken).ConfigureAwait(false);
        }
        catch (AriConflictException) when (attemptedBefore)
        {
            // the earlier request timed out on our side but made the bridge: it is there
        }

        call.BridgeCreated = true;
    }
}
