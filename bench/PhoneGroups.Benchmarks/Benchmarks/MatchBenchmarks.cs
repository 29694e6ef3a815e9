using BenchmarkDotNet.Attributes;
using PhoneGroups.Benchmarks.Baseline;
using PhoneGroups.Benchmarks.Generation;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Benchmarks.Benchmarks;

/// <summary>
/// The matcher alone: which of all 50,000 patterns match a number. The automaton answers in one walk over
/// the number; without an index every pattern has to be tried.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class MatchBenchmarks
{
    private const int Numbers = 64;

    private PatternSet _patterns = null!;
    private NaiveRegexPolicy _naive = null!;
    private string[] _numbers = [];

    [GlobalSetup]
    public void Setup()
    {
        var generated = BenchmarkPolicy.Generate();
        CompiledPolicy policy = BenchmarkPolicy.Load(generated);
        _patterns = policy.Patterns;
        _naive = new NaiveRegexPolicy(policy);
        _numbers = [.. generated.Calls(Numbers, BenchmarkPolicy.Seed + 1).Select(c => c.To)];
    }

    [Benchmark(Description = "PatternSet.Match (all patterns)", OperationsPerInvoke = Numbers)]
    public int Automaton()
    {
        var sum = 0;
        foreach (var number in _numbers)
        {
            sum += _patterns.GetOwners(_patterns.Match(number)).Length;
        }

        return sum;
    }

    [Benchmark(Baseline = true, Description = "Naive: every pattern's Regex", OperationsPerInvoke = Numbers)]
    public int NaiveRegex()
    {
        var sum = 0;
        foreach (var number in _numbers)
        {
            sum += _naive.CountMatchingPatterns(number);
        }

        return sum;
    }
}
