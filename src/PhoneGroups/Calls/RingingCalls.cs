using System.Collections.Concurrent;

namespace PhoneGroups.Calls;

/// <summary>
/// The internal calls ringing right now, by the extension they ring. The controller knows them because
/// it created their callee legs; call pickup looks here.
/// </summary>
internal sealed class RingingCalls
{
    private readonly ConcurrentDictionary<string, CallSession> _byExtension = new(StringComparer.Ordinal);

    public void Add(string extension, CallSession session) => _byExtension[extension] = session;

    public void Remove(string extension, CallSession session) =>
        _byExtension.TryRemove(new KeyValuePair<string, CallSession>(extension, session));

    public CallSession? At(string extension) => _byExtension.TryGetValue(extension, out var session) ? session : null;

    /// <summary>The ringing calls whose extension satisfies <paramref name="predicate"/>, the longest ringing first.</summary>
    public IEnumerable<(string Extension, CallSession Session)> Where(Func<string, bool> predicate) =>
        _byExtension.Where(pair => predicate(pair.Key)).OrderBy(pair => pair.Value.StartedAt).Select(pair => (pair.Key, pair.Value));
}
