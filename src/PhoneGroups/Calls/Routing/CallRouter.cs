using System.Collections.Concurrent;
using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// Knows which call owns which channel. A call registers a channel before it asks Asterisk to create it,
/// because Asterisk may send the channel's first event before it answers the request.
/// </summary>
internal sealed class CallRouter
{
    private readonly ConcurrentDictionary<string, Call> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Call, byte> _calls = new();
    private readonly ConcurrentDictionary<string, Call> _byId = new(StringComparer.Ordinal); // the latest call of each id
    private readonly RecentCallIds _recentCalls = new();

    /// <summary>Calls in progress.</summary>
    public ICollection<Call> Calls => _calls.Keys;

    /// <summary>
    /// The call owning any channel the event is about, or null. A signal the controller sends a call goes to
    /// the owner of the call's caller channel, and to the call itself once the caller is gone (an ending call's
    /// retries outlive its caller).
    /// </summary>
    public Call? OwnerOf(AriEvent ariEvent)
    {
        foreach (var id in CallEvents.ChannelIds(ariEvent))
        {
            if (_owners.TryGetValue(id, out var call))
            {
                return call;
            }
        }

        return ariEvent is CallSignal signal && _byId.TryGetValue(signal.CallId, out var ofSignal) ? ofSignal : null;
    }

    /// <summary>Whether a call owns <paramref name="channelId"/>.</summary>
    public bool IsOwned(string channelId) => _owners.ContainsKey(channelId);

    /// <summary>Starts tracking a new call.</summary>
    public void Add(Call call)
    {
        _calls[call] = 0;
        _byId[call.Id] = call;
        _owners[call.Id] = call;
        _recentCalls.Add(call.Id, call.StartedAt);
    }

    /// <summary>Whether a call for <paramref name="callId"/> was started within the last minute (it may be over already).</summary>
    public bool WasRecentlyStarted(string callId) => _recentCalls.Contains(callId);

    /// <summary>Gives <paramref name="channelId"/> to <paramref name="call"/> (a leg it is about to create, or a transfer).</summary>
    public void Assign(string channelId, Call call) => _owners[channelId] = call;

    /// <summary>Forgets a call and every channel it may still own.</summary>
    public void Remove(Call call, IEnumerable<string> channelIds)
    {
        _calls.TryRemove(call, out _);
        _byId.TryRemove(new KeyValuePair<string, Call>(call.Id, call));
        foreach (var id in channelIds)
        {
            Release(id, call);
        }
    }

    /// <summary>The call owning <paramref name="channelId"/>, or null.</summary>
    public Call? OwnerOf(string channelId) => _owners.TryGetValue(channelId, out var call) ? call : null;

    /// <summary>Forgets one channel if <paramref name="call"/> still owns it.</summary>
    public void Release(string channelId, Call call) =>
        _owners.TryRemove(new KeyValuePair<string, Call>(channelId, call));
}
