using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Policy;

/// <summary>
/// Holds the policy in force. Readers take <see cref="Current"/> once per call and decide on that snapshot;
/// a reload swaps in a new snapshot atomically, so a call never sees half of one policy and half of another.
/// An invalid file leaves the current policy in place.
/// </summary>
public sealed class PolicyStore
{
    private CompiledPolicy _current;

    /// <summary>Starts with <paramref name="initial"/> in force.</summary>
    public PolicyStore(CompiledPolicy initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
    }

    /// <summary>The policy in force.</summary>
    public CompiledPolicy Current => Volatile.Read(ref _current);

    /// <summary>Puts <paramref name="policy"/> in force and returns the one it replaces.</summary>
    public CompiledPolicy Replace(CompiledPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Interlocked.Exchange(ref _current, policy);
    }

    /// <summary>
    /// Loads <paramref name="path"/> and, when it is valid, puts it in force. When it is not,
    /// the current policy stays and the result carries the errors.
    /// </summary>
    public PolicyLoadResult Reload(string path)
    {
        var result = PolicyLoader.LoadFile(path);
        if (result.Success)
        {
            Replace(result.Policy);
        }

        return result;
    }
}
