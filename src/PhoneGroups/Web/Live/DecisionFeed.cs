using System.Threading.Channels;

namespace PhoneGroups.Web.Live;

/// <summary>
/// The last <see cref="Capacity"/> call decisions, in memory, and a stream of new ones for the Live page. The
/// call path only appends (a lock held for a few instructions); a slow reader loses its oldest unread
/// decisions, never slows a call.
/// </summary>
public sealed class DecisionFeed
{
    /// <summary>How many decisions are kept.</summary>
    public const int Capacity = 200;

    private readonly Lock _lock = new();
    private readonly Queue<LiveDecision> _recent = new(Capacity);
    private readonly List<Channel<LiveDecision>> _readers = [];

    /// <summary>Records a decision and hands it to every reader.</summary>
    public void Add(LiveDecision decision)
    {
        lock (_lock)
        {
            if (_recent.Count == Capacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(decision);
            foreach (var reader in _readers)
            {
                reader.Writer.TryWrite(decision);
            }
        }
    }

    /// <summary>The decisions kept, oldest first.</summary>
    public IReadOnlyList<LiveDecision> Recent()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    /// <summary>The newest kept decision of call <paramref name="callId"/>, or null.</summary>
    public LiveDecision? Of(string callId)
    {
        lock (_lock)
        {
            return _recent.LastOrDefault(d => d.CallId == callId);
        }
    }

    /// <summary>The kept decisions, then each new one as it is made, until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<LiveDecision> FollowAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<LiveDecision>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        LiveDecision[] backlog;
        lock (_lock)
        {
            backlog = [.. _recent];
            _readers.Add(channel);
        }

        try
        {
            foreach (var decision in backlog)
            {
                yield return decision;
            }

            await foreach (var decision in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return decision;
            }
        }
        finally
        {
            lock (_lock)
            {
                _readers.Remove(channel);
            }
        }
    }
}
