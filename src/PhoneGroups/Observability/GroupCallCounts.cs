using System.Collections.Concurrent;

namespace PhoneGroups.Observability;

/// <summary>
/// Calls allowed and denied per caller group since the controller started, for <c>GET /api/v1/stats/groups</c>
/// (the MikoPBX module's getGroupsStats). Not a metric: group names are the admin's, an unbounded tag set.
/// Counting allocates only the first time a group is seen.
/// </summary>
internal sealed class GroupCallCounts
{
    /// <summary>The key for callers in no group (unknown callers, extensions without a group).</summary>
    public const string NoGroup = "";

    private readonly ConcurrentDictionary<string, Counter> _counts = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool _fed;

    /// <summary>Whether the call path reports decisions here; until it does, the counts are unknown, not zero.</summary>
    public bool IsCounting => _fed;

    public void Count(string? group, bool allowed)
    {
        _fed = true;
        var counter = _counts.GetOrAdd(group ?? NoGroup, static _ => new Counter());
        if (allowed)
        {
            Interlocked.Increment(ref counter.Allowed);
        }
        else
        {
            Interlocked.Increment(ref counter.Denied);
        }
    }

    /// <summary>The counts for <paramref name="group"/>, zero when it made no call; null while nothing is counted.</summary>
    public (long Allowed, long Denied)? Of(string group) =>
        !_fed ? null : _counts.TryGetValue(group, out var c) ? (Interlocked.Read(ref c.Allowed), Interlocked.Read(ref c.Denied)) : (0, 0);

    private sealed class Counter
    {
        public long Allowed;
        public long Denied;
    }
}
