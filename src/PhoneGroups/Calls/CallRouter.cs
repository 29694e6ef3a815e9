using System.Collections.Concurrent;
using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// Knows which call owns which channel. A call registers a channel before it asks Asterisk to create it,
/// because Asterisk may send the channel's first event before it answers the request.
/// </summary>
internal sealed class CallRouter
{
    private readonly ConcurrentDictionary<string, CallSession> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CallSession, byte> _sessions = new();

    /// <summary>Calls in progress.</summary>
    public ICollection<CallSession> Sessions => _sessions.Keys;

    /// <summary>The call owning any channel the event is about, or null.</summary>
    public CallSession? OwnerOf(AriEvent ariEvent)
    {
        foreach (var id in CallEvents.ChannelIds(ariEvent))
        {
            if (_owners.TryGetValue(id, out var session))
            {
                return session;
            }
        }

        return null;
    }

    /// <summary>Starts tracking a new call.</summary>
    public void Add(CallSession session)
    {
        _sessions[session] = 0;
        _owners[session.CallId] = session;
    }

    /// <summary>Gives <paramref name="channelId"/> to <paramref name="session"/> (a leg it is about to create, or a transfer).</summary>
    public void Assign(string channelId, CallSession session) => _owners[channelId] = session;

    /// <summary>Forgets a call and every channel it may still own.</summary>
    public void Remove(CallSession session, IEnumerable<string> channelIds)
    {
        _sessions.TryRemove(session, out _);
        foreach (var id in channelIds)
        {
            Release(id, session);
        }
    }

    /// <summary>Forgets one channel if <paramref name="session"/> still owns it.</summary>
    public void Release(string channelId, CallSession session) =>
        _owners.TryRemove(new KeyValuePair<string, CallSession>(channelId, session));
}
