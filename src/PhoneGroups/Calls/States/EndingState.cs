using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// The call has ended: every channel it still owns was asked to hang up, and the call is forgotten when the
/// last one is gone. When Asterisk refuses a hang-up (overloaded: sessions exhausted, no answer in time), the
/// channels still owned are hung up again later (<see cref="CleanupBackoff"/>), for as long as they exist: a
/// leg left up would bill for hours, and the call would never end.
/// </summary>
internal sealed class EndingState : CallState
{
    private readonly int _cause;
    private readonly int _attempt;
    private readonly ITimer? _retry;

    private EndingState()
    {
    }

    private EndingState(Call call, int cause, int attempt, TimeSpan delay)
    {
        _cause = cause;
        _attempt = attempt;
        _retry = call.Services.SignalLater(call.Id, CallSignalKind.HangupRetry, delay, attempt);
    }

    /// <summary>Ending with nothing left to retry: the channels' ends are awaited.</summary>
    public static EndingState Instance { get; } = new();

    public override string Name => "Ending";

    /// <summary>A retry timer dies with the process: stopping tries the hang-ups once more.</summary>
    public override bool IsSignalledAtShutdown => _retry is not null;

    /// <summary>Hangs up every channel the call still owns with <paramref name="cause"/>; never throws.</summary>
    public static Task<CallState> HangUpAllAsync(Call call, int cause) => HangUpAllAsync(call, cause, attempt: 1);

    public override async Task<CallState> OnSignalAsync(Call call, CallSignal signal, CancellationToken cancellationToken)
    {
        if (_retry is null || !(signal.Kind == CallSignalKind.Shutdown || (signal.Kind == CallSignalKind.HangupRetry && signal.Generation == _attempt)))
        {
            return this;
        }

        await _retry.DisposeAsync().ConfigureAwait(false);
        return await HangUpAllAsync(call, _cause, _attempt + 1).ConfigureAwait(false);
    }

    public override void OnCompleted(Call call) => _retry?.Dispose();

    private static async Task<CallState> HangUpAllAsync(Call call, int cause, int attempt)
    {
        var refused = 0;
        foreach (var channel in call.Channels.Owned)
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
                    call.Channels.Release(channel);
                }
                else
                {
                    refused++;
                }
            }
        }

        if (refused == 0 || call.Channels.Owned.Count == 0)
        {
            return Instance;
        }

        var delay = CleanupBackoff.After(attempt);
        CallLog.HangupRetryScheduled(call.Services.Logger, call.Id, refused, delay.TotalSeconds, attempt);
        return new EndingState(call, cause, attempt, delay);
    }
}
