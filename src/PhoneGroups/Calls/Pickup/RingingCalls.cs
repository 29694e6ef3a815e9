namespace PhoneGroups.Calls;

/// <summary>
/// The internal calls ringing right now, by the extension they ring (several with call waiting). The
/// controller knows them because it created their callee legs; call pickup looks here.
/// </summary>
internal sealed class RingingCalls
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<RingingLeg>> _byExtension = new(StringComparer.Ordinal);

    public void Add(RingingLeg leg)
    {
        lock (_gate)
        {
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
            if (_byExtension.TryGetValue(leg.Extension, out var legs) && legs.Remove(leg) && legs.Count == 0)
            {
                _byExtension.Remove(leg.Extension);
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
}
