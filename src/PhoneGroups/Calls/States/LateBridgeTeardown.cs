using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// The bridge of a call that is over, which Asterisk refused to destroy (overloaded: sessions exhausted, no
/// answer in time): destroyed again later (<see cref="CleanupBackoff"/>), until it is gone or
/// <see cref="MaxAttempts"/> tries have failed (an empty bridge bills nothing, and recovery destroys the
/// controller's empty bridges at the next connection). The call itself is forgotten meanwhile.
/// </summary>
internal static class LateBridgeTeardown
{
    public const int MaxAttempts = 20;

    public static async Task RunAsync(CallServices services, string callId, string bridgeId)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var delay = CleanupBackoff.After(attempt);
            CallLog.BridgeTeardownRetryScheduled(services.Logger, callId, bridgeId, delay.TotalSeconds, attempt);
            await Task.Delay(delay, services.Time).ConfigureAwait(false);
            try
            {
                await services.Ari.DestroyBridgeAsync(bridgeId).ConfigureAwait(false); // false: gone meanwhile
                return;
            }
            catch (AriException e)
            {
                CallLog.CleanupFailed(services.Logger, callId, "bridge " + bridgeId, e.Message);
            }
        }
    }
}
