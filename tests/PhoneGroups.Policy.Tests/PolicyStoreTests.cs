using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Policy.Tests;

public class PolicyStoreTests
{
    private const string Open = """
        version: 1
        extensions: ["1000", "2000"]
        """;

    private const string Closed = """
        version: 1
        groups:
          - { name: Closed, isolated: true, members: ["1000"] }
        extensions: ["2000"]
        """;

    private static PolicyStore CreateSut() => new(TestPolicies.Load(Open));

    [Fact]
    public void Replace_NewPolicy_TakesEffectAndReturnsOld()
    {
        var sut = CreateSut();
        var old = sut.Current;
        var next = TestPolicies.Load(Closed);

        var replaced = sut.Replace(next);

        Assert.Same(old, replaced);
        Assert.Same(next, sut.Current);
        Assert.Equal(DecisionReason.Isolation, sut.Current.Decide("1000", "2000").Reason);
    }

    [Fact]
    public void Reload_InvalidFile_KeepsCurrentPolicyAndReportsErrors()
    {
        var sut = CreateSut();
        var before = sut.Current;
        var path = Path.Combine(Path.GetTempPath(), $"phonegroups-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "version: 1\ngroups:\n  - name: A\n    isolate: true\n");
        try
        {
            var result = sut.Reload(path);

            Assert.False(result.Success);
            Assert.Equal(4, Assert.Single(result.Errors).Line);
            Assert.Same(before, sut.Current);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reload_ValidFile_SwapsIn()
    {
        var sut = CreateSut();
        var path = Path.Combine(Path.GetTempPath(), $"phonegroups-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Closed);
        try
        {
            var result = sut.Reload(path);

            Assert.True(result.Success);
            Assert.Same(result.Policy, sut.Current);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Current_SwappedWhileDeciding_EveryDecisionComesFromOneWholePolicy()
    {
        var open = TestPolicies.Load(Open);
        var closed = TestPolicies.Load(Closed);
        var sut = new PolicyStore(open);
        using var stop = new CancellationTokenSource();
        var mixed = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested || count < 1000)
            {
                var policy = sut.Current;
                var decision = policy.Decide("1000", "2000");
                var expected = ReferenceEquals(policy, open) ? DecisionReason.NotIsolated : DecisionReason.Isolation;
                if (decision.Reason != expected || !ReferenceEquals(decision.Policy, policy))
                {
                    Interlocked.Increment(ref mixed);
                }

                count++;
            }
        })).ToArray();

        for (var i = 0; i < 1000; i++)
        {
            sut.Replace(i % 2 == 0 ? closed : open);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(0, mixed);
    }
}
