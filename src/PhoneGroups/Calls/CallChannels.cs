namespace PhoneGroups.Calls;

/// <summary>
/// The channels a call owns: their events are routed to it, and it hangs them up when it ends. Every change
/// is told to the <see cref="CallRouter"/>, which routes the events.
/// </summary>
/// <remarks>
/// Ownership is the one part of a call another call touches (a pickup takes the caller, an attended transfer
/// the second party), so it is kept under a lock, and a channel handed over leaves the giver and is assigned
/// to the taker in one step under the giver's lock: it cannot race the channel going away.
/// </remarks>
internal sealed class CallChannels(Call call, CallRouter router)
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _owned = new(StringComparer.Ordinal); // alive and owned
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal); // owned, being created
    private readonly HashSet<string> _everOwned = new(StringComparer.Ordinal); // released at the end

    /// <summary>The channels alive that the call owns.</summary>
    public IReadOnlyList<string> Owned
    {
        get
        {
            lock (_gate)
            {
                return [.. _owned];
            }
        }
    }

    /// <summary>The channels owned that Asterisk has confirmed exist (not those still being created).</summary>
    public IReadOnlyList<string> Existing
    {
        get
        {
            lock (_gate)
            {
                return [.. _owned.Where(c => !_pending.Contains(c))];
            }
        }
    }

    /// <summary>
    /// Takes <paramref name="channelId"/>: its events come to the call. A channel about to be created is
    /// owned <paramref name="beforeCreation"/>, because its first event may come before the request's answer.
    /// </summary>
    public void Own(string channelId, bool beforeCreation = false)
    {
        lock (_gate)
        {
            _owned.Add(channelId);
            _everOwned.Add(channelId);
            if (beforeCreation)
            {
                _pending.Add(channelId);
            }
        }

        router.Assign(channelId, call);
    }

    /// <summary>Asterisk has created a channel owned before its creation.</summary>
    public void Created(string channelId)
    {
        lock (_gate)
        {
            _pending.Remove(channelId);
        }
    }

    /// <summary>Lets go of a channel (it is gone, or left the controller); false when it was not owned.</summary>
    public bool Release(string channelId)
    {
        bool owned;
        lock (_gate)
        {
            owned = _owned.Remove(channelId);
            _pending.Remove(channelId);
        }

        if (owned)
        {
            router.Release(channelId, call);
        }

        return owned;
    }

    /// <summary>Hands the caller's channel to <paramref name="picker"/> (a pickup) if the call still owns it: see <see cref="TryGiveTo"/>.</summary>
    public bool TryGiveCallerTo(Call picker) => TryGiveTo(picker, call.Id);

    /// <summary>
    /// Hands <paramref name="channelId"/> to <paramref name="taker"/> (a pickup, an attended transfer) if the call
    /// still owns it, in one step under this call's lock (it must not race the channel hanging up).
    /// </summary>
    public bool TryGiveTo(Call taker, string channelId)
    {
        lock (_gate)
        {
            if (!_owned.Remove(channelId))
            {
                return false;
            }

            router.Assign(channelId, taker);
        }

        taker.Channels.Own(channelId);
        return true;
    }

    /// <summary>
    /// The call is over: it owns nothing from now on. Returns every channel it ever owned, for the router to
    /// forget those it still gives to this call.
    /// </summary>
    public string[] Close()
    {
        lock (_gate)
        {
            string[] everOwned = [.. _everOwned];
            _owned.Clear();
            return everOwned;
        }
    }
}
