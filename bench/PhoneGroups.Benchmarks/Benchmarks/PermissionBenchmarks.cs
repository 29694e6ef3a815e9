using BenchmarkDotNet.Attributes;
using PhoneGroups.Benchmarks.Generation;
using PhoneGroups.Policy.Compilation;

namespace PhoneGroups.Benchmarks.Benchmarks;

/// <summary>
/// The price of call permissions: Decide on the 100,000-extension policy with 10,000 permissions, against the same
/// policy without them (the baseline: today's decision), over the same calls, outside callers with a caller number.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class PermissionBenchmarks
{
    private const int Calls = 512;

    private CompiledPolicy _without = null!;
    private CompiledPolicy _with = null!;
    private (string? From, string To)[] _calls = [];
    private string[] _outside = [];

    [GlobalSetup]
    public void Setup()
    {
        var generated = BenchmarkPolicy.Generate();
        _without = BenchmarkPolicy.Load(generated);
        _with = BenchmarkPolicy.LoadWithPermissions(generated);
        _calls = generated.Calls(Calls, BenchmarkPolicy.Seed);
        _outside = GeneratedPolicy.OutsideNumbers(Calls, BenchmarkPolicy.Seed);

        // Where no permission decided, both policies must agree, or the comparison means nothing.
        for (var i = 0; i < Calls; i++)
        {
            var (from, to) = _calls[i];
            var decision = _with.Decide(from, to, _outside[i]);
            if (decision.Permission is null && decision.Reason != _without.Decide(from, to).Reason)
            {
                throw new InvalidOperationException($"the policies disagree on {from} -> {to}");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Decide, no permissions (today)", OperationsPerInvoke = Calls)]
    public int WithoutPermissions()
    {
        var sum = 0;
        for (var i = 0; i < _calls.Length; i++)
        {
            sum += (int)_without.Decide(_calls[i].From, _calls[i].To, _outside[i]).Reason;
        }

        return sum;
    }

    [Benchmark(Description = "Decide, 10,000 permissions", OperationsPerInvoke = Calls)]
    public int WithPermissions()
    {
        var sum = 0;
        for (var i = 0; i < _calls.Length; i++)
        {
            sum += (int)_with.Decide(_calls[i].From, _calls[i].To, _outside[i]).Reason;
        }

        return sum;
    }

    [Benchmark(Description = "Decide, 10,000 permissions + fail-over + passwords", OperationsPerInvoke = Calls)]
    public int WithPermissionsAndChallenge()
    {
        var sum = 0;
        for (var i = 0; i < _calls.Length; i++)
        {
            var decision = _with.Decide(_calls[i].From, _calls[i].To, _outside[i]);
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
        }

        return sum;
    }
}
