namespace PhoneGroups.Calls;

/// <summary>Connecting two parties: the caller is answered and both go into one mixing bridge named after the call.</summary>
internal static class CallBridging
{
    /// <summary>Answers <paramref name="callerId"/> and bridges it with <paramref name="otherId"/>, in a bridge of <paramref name="call"/>.</summary>
    public static async Task<CallState> BridgeAsync(Call call, string otherId, string route, CancellationToken cancellationToken, string? callerId = null)
    {
        var ari = call.Services.Ari;
        callerId ??= call.Id;
        await ari.AnswerAsync(callerId, cancellationToken).ConfigureAwait(false);
        var bridgeId = BridgeNames.IdFor(call.Id);
        call.BridgeId = bridgeId;
        await ari.CreateBridgeAsync(bridgeId, "mixing", BridgeNames.NameFor(call.Services.App, call.Id), cancellationToken).ConfigureAwait(false);
        await ari.AddChannelsAsync(bridgeId, [callerId, otherId], cancellationToken).ConfigureAwait(false);
        call.Services.Metrics.BridgeCreated();
        CallLog.Bridged(call.Services.Logger, call.Id, call.Dialed, route);
        return BridgedState.Instance;
    }
}
