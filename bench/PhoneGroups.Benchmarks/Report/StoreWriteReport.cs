using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneGroups.Api;
using PhoneGroups.Benchmarks.Generation;
using PhoneGroups.Documents;
using PhoneGroups.Policy.Loading;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;

namespace PhoneGroups.Benchmarks.Report;

/// <summary>
/// A write through the API's path (<see cref="PolicyWriter"/>: read the newest revision, edit the document,
/// validate and compile it, append it to SQLite, put it in force) that moves one member, on the generated
/// 100k-extension policy; and, on another thread at the same time, calls decided the way the call path does
/// (<c>PolicyStore.Current</c>, then <c>Decide</c>): their latency and allocations while writes happen.
/// </summary>
internal static class StoreWriteReport
{
    private const int Writes = 5;

    public static int Run(TextWriter output)
    {
        var generated = BenchmarkPolicy.Generate();
        var directory = Directory.CreateTempSubdirectory("phonegroups-bench-").FullName;
        try
        {
            var store = new SqliteStore(Path.Combine(directory, "store.db"));
            store.InitializeAsync().GetAwaiter().GetResult();
            var seed = store.AppendAsync(0, generated.Yaml, "seed", "generated").GetAwaiter().GetResult();
            var publisher = new PolicyPublisher(seed, NullLogger.Instance);
            var writer = new PolicyWriter(store, publisher);
            Line(output, "policy", $"{PolicyGenerator.Extensions:N0} extensions, {PolicyGenerator.Groups:N0} groups, YAML {generated.Yaml.Length / 1024:N0} KiB");

            Stages(output, generated.Yaml, store);

            var calls = generated.Calls(1_000_000, BenchmarkPolicy.Seed);
            var idle = DecideWhile(publisher, calls, () => false, out var idleBytes, out var idleCount);
            Line(output, "Decide, no write running", $"{Percentiles(idle)}, {idleBytes / (double)idleCount:F2} B allocated per call ({idleCount:N0} calls)");

            var totals = new List<double>();
            var writing = true;
            var writes = Task.Run(() =>
            {
                for (var i = 0; i < Writes; i++)
                {
                    var group = i % 2 == 0 ? "Group2" : "Group1";
                    var watch = Stopwatch.StartNew();
                    writer.EditAsync(null, "bench", editor => editor.MoveExtension("100000", group), CancellationToken.None).GetAwaiter().GetResult();
                    totals.Add(watch.Elapsed.TotalMilliseconds);
                }

                writing = false;
            });
            var during = DecideWhile(publisher, calls, () => writing, out var bytes, out var count);
            writes.GetAwaiter().GetResult();
            totals.Sort();
            Line(output, "write (one member moved)", $"median {totals[totals.Count / 2]:F0} ms, min {totals[0]:F0} ms, max {totals[^1]:F0} ms over {Writes} writes (read, edit, validate+compile, SQLite append, publish)");
            Line(output, "Decide, during the writes", $"{Percentiles(during)}, {bytes / (double)count:F2} B allocated per call ({count:N0} calls)");
            Line(output, "in force", $"revision {publisher.Revision.Id}; extension 100000 in {(publisher.Store.Current.TryGetExtension("100000", out var moved) ? moved.Group?.Name : "?")}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Where a write's time goes, stage by stage, once.</summary>
    private static void Stages(TextWriter output, string yaml, SqliteStore store)
    {
        var watch = Stopwatch.StartNew();
        var tree = PolicyTree.FromYaml(yaml);
        var parse = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        new PolicyEditor(tree).MoveExtension("100000", "Group2");
        var edit = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var written = PolicyTree.ToYaml(tree);
        var serialize = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        var loaded = PolicyLoader.LoadText(written, "bench");
        var load = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        store.AppendAsync(store.GetLatestIdAsync().GetAwaiter().GetResult(), written, "bench", "stage timing").GetAwaiter().GetResult();
        var append = watch.Elapsed.TotalMilliseconds;
        Line(output, "write stages", string.Create(CultureInfo.InvariantCulture,
            $"YAML -> tree {parse:F0} ms, edit {edit:F1} ms, tree -> YAML {serialize:F0} ms, validate+compile {load:F0} ms ({(loaded.Success ? "valid" : "INVALID")}), SQLite append {append:F0} ms ({written.Length / 1024:N0} KiB)"));
    }

    /// <summary>Decides calls as the call path does until <paramref name="goOn"/> is false (and at least 200k calls).</summary>
    private static double[] DecideWhile(PolicyPublisher publisher, (string? From, string To)[] calls, Func<bool> goOn, out long allocated, out int count)
    {
        var times = new List<double>(calls.Length);
        var ticksToNs = 1e9 / Stopwatch.Frequency;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sink = 0;
        var i = 0;
        while (i < 200_000 || (goOn() && i < calls.Length))
        {
            var (from, to) = calls[i % calls.Length];
            var start = Stopwatch.GetTimestamp();
            sink += (int)publisher.Store.Current.Decide(from, to).Reason;
            times.Add((Stopwatch.GetTimestamp() - start) * ticksToNs);
            i++;
        }

        // The list of timings was sized up front, so nothing above allocates but the call path itself.
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        count = i;
        GC.KeepAlive(sink);
        var sorted = times.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static string Percentiles(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"p50 {sorted[sorted.Length / 2]:F0} ns, p99 {sorted[(int)(sorted.Length * 0.99)]:F0} ns, p99.9 {sorted[(int)(sorted.Length * 0.999)]:F0} ns, max {sorted[^1] / 1000:F0} µs");

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label,-32} {value}");
}
