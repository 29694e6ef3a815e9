using System.Diagnostics;
using System.Globalization;
using PhoneGroups.Benchmarks.Baseline;
using PhoneGroups.Benchmarks.Generation;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Benchmarks.Report;

/// <summary>
/// What BenchmarkDotNet does not give directly: per-decision latency percentiles (each call timed on its own),
/// the memory the compiled snapshot keeps, and bytes allocated per decision over a million calls.
/// </summary>
internal static class LatencyReport
{
    private const int CompileRuns = 5;
    private const int TimedCalls = 1_000_000;
    private const int NaiveTimedCalls = 2_000;

    public static int Run(TextWriter output)
    {
        var generated = BenchmarkPolicy.Generate();
        Line(output, "policy", $"{PolicyGenerator.Groups:N0} groups, {PolicyGenerator.Extensions:N0} extensions, {PolicyGenerator.Patterns:N0} patterns (+2 emergency), {PolicyGenerator.Routes + 1} routes, YAML {generated.Yaml.Length / 1024:N0} KiB");

        var load = Measure(() => BenchmarkPolicy.Load(generated));
        var errors = new PolicyErrorList("generated.yaml");
        var document = new YamlPolicyReader(errors).Read(generated.Yaml)!;
        new PolicyValidator(errors).Validate(document);
        var compile = Measure(() => PolicyCompiler.Compile(document));
        Line(output, "load (YAML -> policy)", $"median {load.Median:F0} ms, min {load.Min:F0} ms over {CompileRuns} runs");
        Line(output, "compile (document -> policy)", $"median {compile.Median:F0} ms, min {compile.Min:F0} ms over {CompileRuns} runs");

        var (policy, retained) = MeasureRetained(generated);
        Line(output, "snapshot memory", $"{retained / (1024.0 * 1024.0):F1} MiB retained ({policy.Patterns.StateCount:N0} automaton states x {policy.Patterns.ClassCount} character classes, {policy.Patterns.MatchCount:N0} distinct match sets)");

        var calls = generated.Calls(TimedCalls, BenchmarkPolicy.Seed);
        var overhead = TimerOverhead();
        var compiled = TimeCalls(calls, (from, to) => (int)policy.Decide(from, to).Reason);
        Line(output, "Decide, per call", Percentiles(compiled) + $" (timer overhead ~{overhead:F0} ns included)");

        var allocated = AllocatedPerCall(policy, calls);
        Line(output, "Decide, allocated", $"{allocated:F4} bytes per call over {TimedCalls:N0} calls");

        var naive = new NaiveRegexPolicy(policy);
        var naiveTimes = TimeCalls(calls.AsSpan(0, NaiveTimedCalls).ToArray(), (from, to) => (int)naive.Decide(from, to).Reason);
        var sameCalls = compiled.AsSpan(0, NaiveTimedCalls).ToArray();
        Line(output, "naive Regex baseline, per call", Percentiles(naiveTimes) + $" (first {NaiveTimedCalls:N0} calls)");
        Array.Sort(sameCalls);
        Line(output, "ratio naive / compiled", $"mean {naiveTimes.Average() / sameCalls.Average():N0}x, p99 {Percentile(naiveTimes, 0.99) / Percentile(sameCalls, 0.99):N0}x (same {NaiveTimedCalls:N0} calls)");

        ReportPermissions(output, generated, policy, calls);
        return 0;
    }

    /// <summary>Only the call-permission part of the report (<c>--report --permissions</c>).</summary>
    public static int RunPermissions(TextWriter output)
    {
        var generated = BenchmarkPolicy.Generate();
        ReportPermissions(output, generated, BenchmarkPolicy.Load(generated), generated.Calls(TimedCalls, BenchmarkPolicy.Seed));
        return 0;
    }

    /// <summary>The same calls on the same policy with 10,000 call permissions, against the policy without them.</summary>
    private static void ReportPermissions(TextWriter output, GeneratedPolicy generated, CompiledPolicy without, (string? From, string To)[] calls)
    {
        output.WriteLine();
        var load = Measure(() => BenchmarkPolicy.LoadWithPermissions(generated));
        Line(output, "permissions", $"{PermissionGenerator.Permissions:N0} call permissions added, YAML {generated.YamlWithPermissions.Length / 1024:N0} KiB");
        Line(output, "load with permissions", $"median {load.Median:F0} ms, min {load.Min:F0} ms over {CompileRuns} runs");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var with = BenchmarkPolicy.LoadWithPermissions(generated);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var automaton = with.PermissionTable.Patterns!;
        Line(output, "snapshot memory with permissions", $"{retained / (1024.0 * 1024.0):F1} MiB retained (permission automaton: {automaton.StateCount:N0} states x {automaton.ClassCount} classes, {automaton.MatchCount:N0} distinct match sets, largest {Enumerable.Range(0, automaton.MatchCount).Max(i => automaton.GetOwners(i).Length):N0} permissions)");

        var outside = GeneratedPolicy.OutsideNumbers(calls.Length, BenchmarkPolicy.Seed);
        var decidedBy = calls.Select((c, i) => with.Decide(c.From, c.To, outside[i])).Where(d => d.Permission is not null)
            .GroupBy(d => d.Outcome).ToDictionary(g => g.Key, g => g.Count());
        Line(output, "calls a permission decided", string.Join(", ", decidedBy.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:N0}")) + $" of {calls.Length:N0}");

        // Interleaved in one run: baseline, permissions, baseline again, so drift on a noisy machine shows.
        var baseline = TimeCalls(calls, (from, to) => (int)without.Decide(from, to).Reason);
        var permissions = TimeIndexed(calls, outside, (from, to, number) => (int)with.Decide(from, to, number).Reason);
        var baseline2 = TimeCalls(calls, (from, to) => (int)without.Decide(from, to).Reason);
        Line(output, "Decide, no permissions", Percentiles(baseline));
        Line(output, "Decide, 10,000 permissions", Percentiles(permissions));
        Line(output, "Decide, no permissions (again)", Percentiles(baseline2));
        var withFailover = TimeIndexed(calls, outside, (from, to, number) => Walk(with.Decide(from, to, number)));
        var withoutFailover = TimeIndexed(calls, outside, (from, to, _) => Walk(without.Decide(from, to)));
        Line(output, "... + fail-over, no permissions", Percentiles(withoutFailover));
        Line(output, "... + challenge + fail-over, 10,000", Percentiles(withFailover));
        Line(output, "ratio with fail-over walked", $"mean {withFailover.Average() / withoutFailover.Average():F2}x, p50 {Percentile(withFailover, 0.5) / Percentile(withoutFailover, 0.5):F2}x, p99 {Percentile(withFailover, 0.99) / Percentile(withoutFailover, 0.99):F2}x");
        Line(output, "ratio permissions / none", $"mean {permissions.Average() / baseline.Average():F2}x, p50 {Percentile(permissions, 0.5) / Percentile(baseline, 0.5):F2}x, p99 {Percentile(permissions, 0.99) / Percentile(baseline, 0.99):F2}x");

        var sink = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls.Length; i++)
        {
            var decision = with.Decide(calls[i].From, calls[i].To, outside[i]);
            if (decision.IsChallenge)
            {
                sink += decision.Challenge.TryAccept("1234", out _) ? 1 : 0;
                decision = decision.Challenge.Granted;
            }

            foreach (var grant in decision.Failover)
            {
                sink += grant.Route.Index;
            }
        }

        GC.KeepAlive(sink);
        Line(output, "Decide with permissions, allocated", $"{(double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / calls.Length:F4} bytes per call (challenges, passwords and fail-over walked)");
    }

    /// <summary>What the call controller does with a decision: a password tried when challenged, the fail-over list walked.</summary>
    private static int Walk(Decision decision)
    {
        var sum = (int)decision.Reason;
        if (decision.IsChallenge)
        {
            var challenge = decision.Challenge;
            sum += challenge.TryAccept("1234", out _) ? 1 : 0;
            decision = challenge.Granted;
        }

        foreach (var grant in decision.Failover)
        {
            sum += grant.Route.Index;
        }

        return sum;
    }

    /// <summary>Like <see cref="TimeCalls"/>, with an outside number per call.</summary>
    private static double[] TimeIndexed((string? From, string To)[] calls, string[] outside, Func<string?, string, string, int> decide)
    {
        var sink = 0;
        for (var i = 0; i < 10_000; i++)
        {
            sink += decide(calls[i].From, calls[i].To, outside[i]);
        }

        var times = new double[calls.Length];
        var nsPerTick = 1e9 / Stopwatch.Frequency;
        for (var i = 0; i < calls.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += decide(calls[i].From, calls[i].To, outside[i]);
            times[i] = (Stopwatch.GetTimestamp() - start) * nsPerTick;
        }

        GC.KeepAlive(sink);
        Array.Sort(times);
        return times;
    }

    private static (double Median, double Min) Measure(Func<CompiledPolicy> action)
    {
        var times = new double[CompileRuns];
        for (var i = 0; i < CompileRuns; i++)
        {
            GC.Collect();
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(action());
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[CompileRuns / 2], times[0]);
    }

    private static (CompiledPolicy Policy, long Bytes) MeasureRetained(GeneratedPolicy generated)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var policy = BenchmarkPolicy.Load(generated);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(policy);
        return (policy, after - before);
    }

    /// <summary>Each call timed on its own, in nanoseconds, sorted.</summary>
    private static double[] TimeCalls((string? From, string To)[] calls, Func<string?, string, int> decide)
    {
        var sink = 0;
        foreach (var (from, to) in calls.Take(10_000))
        {
            sink += decide(from, to); // warm up: tiered JIT settles
        }

        var times = new double[calls.Length];
        var nsPerTick = 1e9 / Stopwatch.Frequency;
        for (var i = 0; i < calls.Length; i++)
        {
            var (from, to) = calls[i];
            var start = Stopwatch.GetTimestamp();
            sink += decide(from, to);
            times[i] = (Stopwatch.GetTimestamp() - start) * nsPerTick;
        }

        GC.KeepAlive(sink);
        var sorted = (double[])times.Clone();
        Array.Sort(sorted);
        return sorted;
    }

    private static double TimerOverhead()
    {
        var times = new double[100_000];
        var nsPerTick = 1e9 / Stopwatch.Frequency;
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            times[i] = (Stopwatch.GetTimestamp() - start) * nsPerTick;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static double AllocatedPerCall(CompiledPolicy policy, (string? From, string To)[] calls)
    {
        var sink = 0;
        foreach (var (from, to) in calls.Take(10_000))
        {
            sink += (int)policy.Decide(from, to).Reason;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (from, to) in calls)
        {
            var decision = policy.Decide(from, to);
            foreach (var grant in decision.Failover)
            {
                sink += grant.Route.Index;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(sink);
        return (double)allocated / calls.Length;
    }

    private static string Percentiles(double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"mean {sorted.Average():N0} ns, p50 {Percentile(sorted, 0.50):N0} ns, p90 {Percentile(sorted, 0.90):N0} ns, p99 {Percentile(sorted, 0.99):N0} ns, p99.9 {Percentile(sorted, 0.999):N0} ns, max {sorted[^1]:N0} ns");

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label,-32} {value}");
}
