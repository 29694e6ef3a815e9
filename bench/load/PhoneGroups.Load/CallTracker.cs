using System.Collections.Concurrent;
using PhoneGroups.Ari.Events;

namespace PhoneGroups.Load;

/// <summary>
/// Watches every event in Asterisk (subscribeAll) and completes what a call waits for: its channel
/// entering a bridge with a second channel (the callee answered and both are connected), and its end.
/// </summary>
public sealed class CallTracker
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _bridged = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _destroyed = new();

    /// <summary>Registers a call before it is placed (events can come before the originate's response).</summary>
    public (Task<bool> Bridged, Task<bool> Destroyed) Watch(string channelId)
    {
        var bridged = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var destroyed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _bridged[channelId] = bridged;
        _destroyed[channelId] = destroyed;
        return (bridged.Task, destroyed.Task);
    }

    public void Forget(string channelId)
    {
        _bridged.TryRemove(channelId, out _);
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
                    if (_bridged.TryGetValue(id, out var bridged))
                    {
                        bridged.TrySetResult(true);
                    }
                }

                break;
            case ChannelDestroyed destroyed when destroyed.Channel is not null:
                if (_bridged.TryGetValue(destroyed.Channel.Id, out var never))
                {
                    never.TrySetResult(false);
                }

                if (_destroyed.TryGetValue(destroyed.Channel.Id, out var gone))
                {
                    gone.TrySetResult(true);
                }

                break;
        }
    }
}
