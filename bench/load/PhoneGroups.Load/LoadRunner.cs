using System.Collections.Concurrent;
using System.Diagnostics;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Load;

/// <summary>
/// Places calls "as extension From" to To, Concurrency at a time: a Local channel whose second half runs
/// either the baseline context (Dial() in the dialplan) or phonegroups-test (Stasis: the controller
/// decides, dials and bridges). Each call is timed from the originate request to the moment its channel
/// is in a bridge with the callee, then the caller hangs up and the worker waits for the end of the call.
/// </summary>
public sealed class LoadRunner(IAriClient ari, CallTracker tracker, LoadOptions options)
{
    private static readonly TimeSpan BridgeTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(10);

    private int _bridgedNow;
    private int _peakBridged;

    /// <summary>The most calls bridged at the same time since the last run started.</summary>
    public int PeakBridged => Volatile.Read(ref _peakBridged);

    public async Task<(IReadOnlyList<CallOutcome> Outcomes, TimeSpan Elapsed)> RunAsync(string context, int calls, int concurrency, bool hold = true)
    {
        var outcomes = new ConcurrentBag<CallOutcome>();
        var next = 0;
        _peakBridged = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= calls)
            {
                // With --rate, call i starts no earlier than i / rate seconds into the run (a ramp, not a burst).
                if (options.Rate > 0 && TimeSpan.FromSeconds((i - 1) / (double)options.Rate) - clock.Elapsed is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                outcomes.Add(await PlaceAsync(context, hold ? options.HoldMilliseconds : 0));
            }
        }));
        return (outcomes.ToArray(), clock.Elapsed);
    }

    private void Bridged()
    {
        var now = Interlocked.Increment(ref _bridgedNow);
        int peak;
        while (now > (peak = Volatile.Read(ref _peakBridged)) && Interlocked.CompareExchange(ref _peakBridged, now, peak) != peak)
        {
        }
    }

    private async Task<CallOutcome> PlaceAsync(string context, int holdMilliseconds)
    {
        var phone = "load-" + Guid.NewGuid().ToString("N")[..12];
        var call = phone + "-call";
        var (bridged, destroyed) = tracker.Watch(call);
        try
        {
            var started = Stopwatch.GetTimestamp();
            await ari.OriginateAsync(new OriginateRequest($"Local/{options.To}@{context}")
            {
                CallerId = options.From,
                Context = "phonegroups-sim",
                Extension = "answer",
                Priority = 1,
                ChannelId = phone,
                OtherChannelId = call,
                Timeout = 30,
            });
            bool wasBridged;
            try
            {
                wasBridged = await bridged.WaitAsync(BridgeTimeout);
            }
            catch (TimeoutException)
            {
                await ari.HangupAsync(phone);
                return CallOutcome.Failed("not bridged within 15 s");
            }

            var delay = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!wasBridged)
            {
                return CallOutcome.Failed("ended before it was bridged");
            }

            Bridged();
            try
            {
                if (holdMilliseconds > 0)
                {
                    await Task.Delay(holdMilliseconds);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _bridgedNow);
            }

            await ari.HangupAsync(phone);
            try
            {
                await destroyed.WaitAsync(EndTimeout);
            }
            catch (TimeoutException)
            {
                return CallOutcome.Failed("still up 10 s after the caller hung up");
            }

            return new CallOutcome(true, delay, null);
        }
        catch (AriException e)
        {
            return CallOutcome.Failed("ARI: " + e.Message);
        }
        finally
        {
            tracker.Forget(call);
        }
    }
}
