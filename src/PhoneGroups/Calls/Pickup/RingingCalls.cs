namespace PhoneGroups.Calls;

/// <summary>
/// The internal calls ringing right now, by the extension they ring (several with call waiting). The
/// controller knows them because it created their callee legs; call pickup looks here.
/// </summary>
internal sealed class RingingCalls
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<RingingLeg>> _byExtension = new(StringComparer.Ordinal);

    // A call rings at most one leg at a time (the next target withdraws the last): a call's completion finds
    // its leg here without walking every extension.
    private readonly Dictionary<Call, RingingLeg> _byCall = [];

    public void Add(RingingLeg leg)
    {
        lock (_gate)
        {
            if (_byCall.TryGetValue(leg.Call, out var earlier))
            {
                earlier.Withdraw();
                RemoveLocked(earlier);
            }

            _byCall[leg.Call] = leg;
            if (!_byExtension.TryGetValue(leg.Extension, out var legs))
            {
                legs = [];
                _byExtension[leg.Extension] = legs;
            }

            legs.Add(leg);
        }
    }

    public void Remove(RingingLeg leg)
    {
        lock (_gate)
        {
            RemoveLocked(leg);
        }
    }

    /// <summary>
    /// Withdraws and forgets the leg of <paramref name="call"/>, which is over: however a call ends (in
    /// Dialing, or after its caller went while a request was out, or picked up), nothing of it stays listed.
    /// </summary>
    public void Forget(Call call)
    {
        lock (_gate)
        {
            if (_byCall.TryGetValue(call, out var leg))
            {
                leg.Withdraw();
                RemoveLocked(leg);
            }
        }
    }

    /// <summary>How many legs ring right now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byCall.Count;
            }
        }
    }

    /// <summary>The ringing legs whose extension satisfies <paramref name="predicate"/>, the longest ringing first.</summary>
    public IReadOnlyList<RingingLeg> Where(Func<string, bool> predicate)
    {
        lock (_gate)
        {
            return [.. _byExtension.Where(pair => predicate(pair.Key)).SelectMany(pair => pair.Value).OrderBy(leg => leg.Since)];
        }
    }

    private void RemoveLocked(RingingLeg leg)
    {
        if (_byCall.TryGetValue(leg.Call, out var current) && current == leg)
        {
            _byCall.Remove(leg.Call);
        }

        if (_byExtension.TryGetValue(leg.Extension, out var legs) && legs.Remove(leg) && legs.Count == 0)
        {
            _byExtension.Remove(leg.Extension);
        }
    }
}
