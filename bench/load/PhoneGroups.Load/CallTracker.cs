using System.Collections.Concurrent;
using PhoneGroups.Ari.Events;

namespace PhoneGroups.Load;

/// <summary>
/// Watches every event in Asterisk (subscribeAll) and completes what a call waits for: its channel
/// answered and in a bridge with a second channel (the callee answered and both are connected), and its end.
/// </summary>
/// <remarks>
/// Both: a call path that bridges before the caller's answer is through (the callee's add beside the caller's
/// answer, or a caller waiting in its bridge) would stop a clock that waited for the bridge alone too early.
/// </remarks>
public sealed class CallTracker
{
    private readonly ConcurrentDictionary<string, Connection> _connected = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _destroyed = new();

    /// <summary>Registers a call before it is placed (events can come before the originate's response).</summary>
    public (Task<bool> Bridged, Task<bool> Destroyed) Watch(string channelId)
    {
        var connection = new Connection();
        var destroyed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _connected[channelId] = connection;
        _destroyed[channelId] = destroyed;
        return (connection.Task, destroyed.Task);
    }

    public void Forget(string channelId)
    {
        _connected.TryRemove(channelId, out _);
        _destroyed.TryRemove(channelId, out _);
    }

    private readonly ConcurrentDictionary<string, int> _seen = new();

    /// <summary>How many events of this type arrived (to show the calls reached the states they were meant to).</summary>
    public int Seen(string type) => _seen.GetValueOrDefault(type);

    public void OnEvent(AriEvent e)
    {
        _seen.AddOrUpdate(e.Type, 1, (_, n) => n + 1);
        switch (e)
        {
            case ChannelEnteredBridge entered when entered.Bridge.Channels.Count >= 2:
                foreach (var id in entered.Bridge.Channels)
                {
                    if (_connected.TryGetValue(id, out var connection))
                    {
                        connection.Bridged(answered: id == entered.Channel?.Id && entered.Channel.State == "Up");
                    }
                }

                break;
            case ChannelStateChange change when change.Channel?.State == "Up":
                if (_connected.TryGetValue(change.Channel.Id, out var up))
                {
                    up.Answered();
                }

                break;
            case ChannelDestroyed destroyed when destroyed.Channel is not null:
                if (_connected.TryGetValue(destroyed.Channel.Id, out var never))
                {
                    never.Ended();
                }

                if (_destroyed.TryGetValue(destroyed.Channel.Id, out var gone))
                {
                    gone.TrySetResult(true);
                }

                break;
        }
    }

    /// <summary>One call's way to connected: answered, and in a bridge with a second channel, in either order.</summary>
    private sealed class Connection
    {
        private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private bool _answered;
        private bool _bridged;

        public Task<bool> Task => _done.Task;

        public void Answered()
        {
            lock (_gate)
            {
                _answered = true;
                Settle();
            }
        }

        public void Bridged(bool answered)
        {
            lock (_gate)
            {
                _bridged = true;
                _answered |= answered;
                Settle();
            }
        }

        public void Ended() => _done.TrySetResult(false);

        private void Settle()
        {
            if (_answered && _bridged)
            {
                _done.TrySetResult(true);
            }
        }
    }
}
