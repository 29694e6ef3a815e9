using System.Collections.Concurrent;

namespace PhoneGroups.Calls;

/// <summary>
/// The ids of calls started within <see cref="Window"/> (they may be over already), so recovery does not decide
/// a StasisStart twice. Kept in start order: forgetting the old ones costs nothing per call on the hot path
/// (a scan of every id at each new call would, at thousands of calls a minute).
/// </summary>
internal sealed class RecentCallIds
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Id, DateTimeOffset At)> _inOrder = new();

    /// <summary>How many ids are remembered.</summary>
    public int Count => _started.Count;

    public void Add(string callId, DateTimeOffset startedAt)
    {
        _started[callId] = startedAt;
        _inOrder.Enqueue((callId, startedAt));
        while (_inOrder.TryPeek(out var oldest) && startedAt - oldest.At > Window && _inOrder.TryDequeue(out oldest))
        {
            // Only if it was not started again since (the same id re-added has a newer time).
            _started.TryRemove(new KeyValuePair<string, DateTimeOffset>(oldest.Id, oldest.At));
        }
    }

    public bool Contains(string callId) => _started.ContainsKey(callId);
}
