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

    /// <summary>
    /// A writer publishes versions 0..N-1 in order while readers decide on whatever <see cref="PolicyStore.Current"/> gives.
    /// Every snapshot a reader sees must be one of the published objects, whole (its decision and contents agree with its
    /// version), never older than a version whose publication had already completed, never newer than one announced,
    /// and never older than a snapshot the same reader saw before. A store that drops, delays, reorders, copies or
    /// briefly exposes another policy fails one of these.
    /// </summary>
    [Fact]
    public async Task Current_WhileAWriterPublishes_ReadersSeeOnlyPublishedWholeVersionsInOrder()
    {
        const int Versions = 400;
        var versions = Enumerable.Range(0, Versions).Select(i => TestPolicies.Load(VersionYaml(i), $"v{i}.yaml")).ToArray();
        var indexOf = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < versions.Length; i++)
        {
            indexOf.Add(versions[i], i);
        }

        var sut = new PolicyStore(versions[0]);
        var announced = 0;   // the writer is about to publish this version (or has)
        var completed = 0;   // Replace has returned for this version
        var writerDone = 0;
        long reads = 0;
        using var started = new CountdownEvent(2);
        var problems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var lastSeen = 0;
            started.Signal();
            while (Volatile.Read(ref writerDone) == 0)
            {
                var floor = Volatile.Read(ref completed);
                var policy = sut.Current;
                var ceiling = Volatile.Read(ref announced);
                Interlocked.Increment(ref reads);
                if (!indexOf.TryGetValue(policy, out var version))
                {
                    problems.Enqueue($"a snapshot that was never published: {policy.SourceName}");
                    continue;
                }

                var decision = policy.Decide("1000", "2000");
                var expected = version % 2 == 0 ? DecisionReason.Isolation : DecisionReason.NotIsolated;
                if (decision.Reason != expected || !ReferenceEquals(decision.Policy, policy) || policy.Groups[0].Name != $"G{version}"
                    || policy.SourceName != $"v{version}.yaml")
                {
                    problems.Enqueue($"version {version} is not whole: {decision.Reason}, group {policy.Groups[0].Name}");
                }

                if (version < floor || version > ceiling || version < lastSeen)
                {
                    problems.Enqueue($"saw version {version} after version {lastSeen}, while {floor}..{ceiling} was published");
                }

                lastSeen = version;
            }
        })).ToArray();

        // Readers run before the first publication and read between any two, so every version overlaps with reads.
        started.Wait();
        for (var i = 1; i < Versions; i++)
        {
            var readsBefore = Interlocked.Read(ref reads);
            var spin = default(SpinWait);
            while (Interlocked.Read(ref reads) < readsBefore + 4)
            {
                spin.SpinOnce();
            }

            Volatile.Write(ref announced, i);
            var replaced = sut.Replace(versions[i]);
            if (!ReferenceEquals(replaced, versions[i - 1]))
            {
                problems.Enqueue($"replacing version {i} returned {replaced.SourceName}, not version {i - 1}");
            }

            Volatile.Write(ref completed, i);
        }

        Volatile.Write(ref writerDone, 1);
        await Task.WhenAll(readers);
        Assert.Empty(problems.Take(5));
        Assert.Same(versions[^1], sut.Current);
    }

    private static string VersionYaml(int version) => $$"""
        version: 1
        groups:
          - { name: G{{version}}, isolated: {{(version % 2 == 0 ? "true" : "false")}}, members: ["1000"] }
        extensions: ["2000"]
        """;
}
