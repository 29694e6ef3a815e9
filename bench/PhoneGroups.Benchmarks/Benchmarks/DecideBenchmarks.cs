using BenchmarkDotNet.Attributes;
using PhoneGroups.Benchmarks.Baseline;
using PhoneGroups.Benchmarks.Generation;
using PhoneGroups.Policy.Compilation;

namespace PhoneGroups.Benchmarks.Benchmarks;

/// <summary>
/// Decide on the 10,000-group / 100,000-extension / 50,000-pattern policy, against the naive Regex baseline,
/// over the same mix of calls. Each invocation decides <see cref="Calls"/> calls; results are per call.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DecideBenchmarks
{
    private const int Calls = 512;

    private CompiledPolicy _policy = null!;
    private NaiveRegexPolicy _naive = null!;
    private (string? From, string To)[] _calls = [];

    [GlobalSetup]
    public void Setup()
    {
        var generated = BenchmarkPolicy.Generate();
        _policy = BenchmarkPolicy.Load(generated);
        _naive = new NaiveRegexPolicy(_policy);
        _calls = generated.Calls(Calls, BenchmarkPolicy.Seed);

        // The baseline must decide exactly as the engine does, or the ratio means nothing.
        foreach (var (from, to) in _calls)
        {
            var decision = _policy.Decide(from, to);
            var naive = _naive.Decide(from, to);
            if (decision.Reason != naive.Reason || (decision.Route?.Route.Index ?? -1) != naive.Route)
            {
                throw new InvalidOperationException($"baseline disagrees on {from} -> {to}: {decision.Reason} vs {naive.Reason}");
            }
        }
    }

    [Benchmark(Description = "Decide (compiled)", OperationsPerInvoke = Calls)]
    public int Decide()
    {
        var sum = 0;
        foreach (var (from, to) in _calls)
        {
            var decision = _policy.Decide(from, to);
            sum += (int)decision.Reason;
        }

        return sum;
    }

    [Benchmark(Description = "Decide + walk fail-over", OperationsPerInvoke = Calls)]
    public int DecideWithFailover()
    {
        var sum = 0;
        foreach (var (from, to) in _calls)
        {
            var decision = _policy.Decide(from, to);
            foreach (var grant in decision.Failover)
            {
                sum += grant.Route.Index;
            }
        }

        return sum;
    }

    [Benchmark(Description = "Decide + format dial string", OperationsPerInvoke = Calls)]
    public int DecideAndFormatDial()
    {
        var sum = 0;
        foreach (var (from, to) in _calls)
        {
            sum += _policy.Decide(from, to).FormatDialString()?.Length ?? 0;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "Naive: Regex per pattern, in order", OperationsPerInvoke = Calls)]
    public int NaiveRegex()
    {
        var sum = 0;
        foreach (var (from, to) in _calls)
        {
            sum += (int)_naive.Decide(from, to).Reason;
        }

        return sum;
    }
}
