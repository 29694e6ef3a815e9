using System.Collections.Concurrent;

namespace PhoneGroups.Calls;

/// <summary>
/// Brute-force protection for call-permission passwords: after <see cref="MaxFailures"/> failed challenges
/// from one caller within <see cref="Window"/>, further challenges from it are refused without asking.
/// </summary>
internal sealed class ChallengeGuard(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="caller"/> failed too often lately to be asked again.</summary>
    public bool IsLockedOut(string caller)
    {
        if (!_failures.TryGetValue(caller, out var failures))
        {
            return false;
        }

        lock (failures)
        {
            Forget(failures);
            return failures.Count >= MaxFailures;
        }
    }

    /// <summary>A challenge from <paramref name="caller"/> ended with every try wrong.</summary>
    public void Failed(string caller)
    {
        var failures = _failures.GetOrAdd(caller, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Forget(failures);
            failures.Enqueue(time.GetUtcNow());
        }
    }

    private void Forget(Queue<DateTimeOffset> failures)
    {
        var now = time.GetUtcNow();
        while (failures.TryPeek(out var oldest) && now - oldest > Window)
        {
            failures.Dequeue();
        }
    }
}
