using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// Connecting two parties: the caller is answered and both go into one mixing bridge named after the call.
/// The bridge is made while the callee rings (<see cref="PrepareAsync"/>), so the answer costs only the
/// answer and the adds.
/// </summary>
internal static class CallBridging
{
    /// <summary>
    /// Creates the call's bridge ahead of the answer. It is the call's from the request on
    /// (<see cref="Call.BridgeId"/>), so however the call ends (before the answer too) its completion destroys
    /// it. Never throws for Asterisk's refusal: the bridge is then made at the answer, as before.
    /// </summary>
    public static async Task PrepareAsync(Call call, CancellationToken cancellationToken)
    {
        if (call.BridgeId is not null)
        {
            return; // made already (an earlier target, a forward)
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
        if (!call.BridgeCreated)
        {
            await CreateAsync(call, cancellationToken).ConfigureAwait(false);
        }

        // The caller's answer, then its add: Asterisk refuses to answer a channel that is joining a bridge (500 or
        // 404 "not found", seen under load with both sent together), which would end a call that was connected.
        // The other party joins meanwhile, in its own request: one request for both waits for each in turn
        // (about 1 ms less per call at concurrency 1, docs/benchmarks.md).
        var callerJoins = AnswerAndAddAsync(ari, call.BridgeId!, callerId, cancellationToken);
        var otherJoins = ari.AddChannelsAsync(call.BridgeId!, [otherId], cancellationToken);
        await Task.WhenAll(callerJoins, otherJoins).ConfigureAwait(false);
        call.Services.Metrics.BridgeCreated();
        CallLog.Bridged(call.Services.Logger, call.Id, call.Dialed, route);
        return BridgedState.Instance;
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
