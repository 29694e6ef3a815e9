using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Load;

/// <summary>
/// The long soak: calls of every kind (<see cref="SoakCallKind"/>) hung up at random moments, Concurrency at a
/// time, with one JSON line per ReportEvery calls: the rate, calls left up, the controller's RSS and its GC
/// pauses in that window, and its managed heap after the window's last collection (all of it, and the old
/// generations, where a leak stays). The last line compares RSS and heap after warm-up (the first window) with
/// the end.
/// </summary>
public sealed class SoakRun(IAriClient ari, CallTracker tracker, LoadOptions options)
{
    public async Task<bool> RunAsync()
    {
        using var gc = options.ControllerPid > 0 ? new GcPauseMonitor(options.ControllerPid) : null;
        var caller = new SoakCaller(ari, tracker);
        var kinds = Enum.GetValues<SoakCallKind>();
        var allPauses = new List<double>();
        double? warmRss = null;
        double lastRss = 0;
        double? warmOld = null;
        double lastOld = 0;
        var notEnded = 0;
        var done = 0;
        string? aborted = null; // why the run stopped early: Asterisk stopped answering (crashed, or was stopped)
        var clock = Stopwatch.StartNew();
        while (done < options.Calls && aborted is null)
        {
            var window = Math.Min(options.ReportEvery, options.Calls - done);
            var next = 0;
            var left = 0;
            var started = clock.Elapsed;
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency[0]).Select(async worker =>
            {
                var random = new Random(done + worker);
                while (Volatile.Read(ref aborted) is null && Interlocked.Increment(ref next) <= window)
                {
                    try
                    {
                        if (!await caller.PlaceAsync(kinds[random.Next(kinds.Length)], random, TimeSpan.FromSeconds(20)))
                        {
                            Interlocked.Increment(ref left);
                        }
                    }
                    catch (AriException e) when (e.Status == 0)
                    {
                        // No answer at all: nothing more can be measured. Said in the last line, not a stack trace.
                        Interlocked.CompareExchange(ref aborted, $"Asterisk did not answer ({e.Message}); is it still running?", null);
                    }
                }
            }));
            done += Math.Min(window, next);
            notEnded += left;
            var pauses = gc?.TakePauses() ?? [];
            allPauses.AddRange(pauses);
            lastRss = options.ControllerPid > 0 ? RssMiB(options.ControllerPid) : 0;
            warmRss ??= lastRss;
            lastOld = MiB(gc?.OldGenerationBytes ?? 0);
            warmOld ??= lastOld;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                soak = "window",
                calls = done,
                callsPerSecond = Math.Round(window / (clock.Elapsed - started).TotalSeconds, 1),
                notEnded = left,
                rssMiB = Math.Round(lastRss, 1),
                heapMiB = Math.Round(MiB(gc?.HeapBytes ?? 0), 1),
                oldGenerationsMiB = Math.Round(lastOld, 1),
                gcPauses = pauses.Length,
                gcPauseP50Ms = Percentile(pauses, 0.50),
                gcPauseP99Ms = Percentile(pauses, 0.99),
                gcPauseMaxMs = pauses.Length > 0 ? Math.Round(pauses.Max(), 3) : 0,
            }));
        }

        var leftovers = aborted is null ? await LeftoversAsync() : -1;

        var rssChange = ChangePercent(warmRss ?? 0, lastRss);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            soak = "total",
            calls = done,
            aborted,
            concurrency = options.Concurrency[0],
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            notEnded,
            leftovers,
            bridged = tracker.Seen("ChannelEnteredBridge"),
            promptsStarted = tracker.Seen("PlaybackStarted"),
            rssAfterWarmUpMiB = Math.Round(warmRss ?? 0, 1),
            rssEndMiB = Math.Round(lastRss, 1),
            rssChangePercent = rssChange,
            oldGenerationsAfterWarmUpMiB = Math.Round(warmOld ?? 0, 1),
            oldGenerationsEndMiB = Math.Round(lastOld, 1),
            oldGenerationsChangePercent = ChangePercent(warmOld ?? 0, lastOld),
            gcPauses = allPauses.Count,
            gcPauseP50Ms = Percentile([.. allPauses], 0.50),
            gcPauseP99Ms = Percentile([.. allPauses], 0.99),
            gcPauseMaxMs = allPauses.Count > 0 ? Math.Round(allPauses.Max(), 3) : 0,
        }));
        return aborted is null && notEnded == 0 && leftovers == 0;
    }

    // What Asterisk still holds, given 10 s to finish tearing down the last calls.
    private async Task<int> LeftoversAsync()
    {
        var leftovers = (await ari.ListChannelsAsync()).Count + (await ari.ListBridgesAsync()).Count;
        for (var i = 0; i < 50 && leftovers > 0; i++)
        {
            await Task.Delay(200);
            leftovers = (await ari.ListChannelsAsync()).Count + (await ari.ListBridgesAsync()).Count;
        }

        return leftovers;
    }

    private static double MiB(long bytes) => bytes / (1024.0 * 1024.0);

    private static double ChangePercent(double from, double to) => from > 0 ? Math.Round((to - from) / from * 100, 1) : 0;

    // VmRSS of /proc/PID/status, in MiB.
    private static double RssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 3);
    }
}
