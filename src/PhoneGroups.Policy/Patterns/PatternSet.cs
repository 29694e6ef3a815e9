namespace PhoneGroups.Policy.Patterns;

/// <summary>
/// Many patterns compiled into one deterministic automaton over character classes.
/// Matching walks one state per character of the number, so its cost depends on the length of the number,
/// not on how many patterns the set holds. Each state knows which owners (ids given to
/// <see cref="PatternSetBuilder.Add"/>) have a pattern that matches a number ending there.
/// Immutable once built; safe to use from any number of threads.
/// </summary>
public sealed class PatternSet
{
    /// <summary>The state every walk gives up in: no pattern can match any more.</summary>
    internal const int DeadState = 0;

    /// <summary>Where every walk starts.</summary>
    internal const int StartState = 1;

    private readonly byte[] _classOfAscii;   // character class of each ASCII character; [128] is the class of everything else
    private readonly int _classCount;
    private readonly int[] _transitions;     // [state * _classCount + class] = next state
    private readonly int[] _matchOfState;    // state -> index into _matches
    private readonly int[][] _matches;       // distinct sorted owner sets; [0] is the empty set

    internal PatternSet(byte[] classOfAscii, int classCount, int[] transitions, int[] matchOfState, int[][] matches)
    {
        _classOfAscii = classOfAscii;
        _classCount = classCount;
        _transitions = transitions;
        _matchOfState = matchOfState;
        _matches = matches;
    }

    /// <summary>The number of automaton states, the dead and start states included.</summary>
    public int StateCount => _matchOfState.Length;

    /// <summary>The number of character classes the automaton distinguishes.</summary>
    public int ClassCount => _classCount;

    /// <summary>The number of distinct owner sets, the empty one included; ids from <see cref="Match"/> are below this.</summary>
    public int MatchCount => _matches.Length;

    /// <summary>
    /// The id of the owner set whose patterns match <paramref name="number"/> (0 when none does).
    /// Equal ids mean equal owner sets, so callers can precompute whatever they need per id.
    /// </summary>
    public int Match(ReadOnlySpan<char> number)
    {
        var transitions = _transitions;
        var classes = _classOfAscii;
        var classCount = _classCount;
        var state = StartState;
        foreach (var c in number)
        {
            if (c == '-')
            {
                continue; // Asterisk ignores dashes in the number as well
            }

            state = transitions[(state * classCount) + classes[c < 128 ? c : 128]];
            if (state == DeadState)
            {
                return 0;
            }
        }

        return _matchOfState[state];
    }

    /// <summary>
    /// <see cref="Match(ReadOnlySpan{char})"/> on this set and on <paramref name="other"/> in one pass over the number:
    /// the two chains of table lookups are independent, so the processor overlaps their memory accesses and the
    /// second walk costs little more than the first.
    /// </summary>
    public int Match(ReadOnlySpan<char> number, PatternSet other, out int otherMatchId)
    {
        ArgumentNullException.ThrowIfNull(other);
        var state = StartState;
        var otherState = StartState;
        foreach (var c in number)
        {
            if (c == '-')
            {
                continue;
            }

            var ascii = c < 128 ? c : 128;
            state = _transitions[(state * _classCount) + _classOfAscii[ascii]];
            otherState = other._transitions[(otherState * other._classCount) + other._classOfAscii[ascii]];
            if (state == DeadState && otherState == DeadState)
            {
                break; // the dead state only leads to itself
            }
        }

        otherMatchId = other._matchOfState[otherState];
        return _matchOfState[state];
    }

    /// <summary>The owners, ascending, of the set with id <paramref name="matchId"/>.</summary>
    public ReadOnlySpan<int> GetOwners(int matchId) => _matches[matchId];
}
