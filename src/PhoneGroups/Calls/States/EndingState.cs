using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// The call has ended: every channel it still owns was asked to hang up, and the call is forgotten when the
/// last one is gone.
/// </summary>
internal sealed class EndingState : CallState
{
    public static EndingState Instance { get; } = new();

    public override string Name => "Ending";

    /// <summary>Hangs up every channel the call still owns with <paramref name="cause"/>; never throws.</summary>
    public static async Task<CallState> HangUpAllAsync(Call call, int cause)
    {
        foreach (var channel in call.Channels)
        {
            try
            {
                await call.HangUpAsync(channel, cause).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // cleanup goes on with the other channels whatever one of them does
            catch (Exception e)
#pragma warning restore CA1031
            {
                CallLog.CleanupFailed(call.Services.Logger, call.Id, channel, e.Message);
                if (e is AriException { Status: System.Net.HttpStatusCode.NotFound })
                {
                    call.Release(channel);
                }
            }
        }

        return Instance;
    }
}
