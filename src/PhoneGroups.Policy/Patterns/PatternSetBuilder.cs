namespace PhoneGroups.Policy.Patterns;

/// <summary>
/// Collects patterns with an owner id each and builds a <see cref="PatternSet"/>.
/// First the patterns go into a trie whose edges are character sets (a nondeterministic automaton,
/// shared prefixes stored once); then subset construction turns it into a deterministic automaton
/// whose states are the sets of trie nodes a number can have reached.
/// </summary>
public sealed class PatternSetBuilder
{
    /// <summary>
    /// The default limit on the transition table (states × character classes): 32 Mi entries, 128 MiB.
    /// Patterns that overlap in many independent ways can multiply states; refuse rather than exhaust memory.
    /// </summary>
    public const int DefaultMaxTransitions = 1 << 25;

    private const int AnyAtom = -1;
    private const int OtherCharacter = 128; // stands for every character outside ASCII

    private readonly List<TrieNode> _nodes = [new TrieNode()];
    private readonly Dictionary<(int Node, int Atom), int> _children = [];
    private readonly Dictionary<AsciiSet, int> _atomIds = [];
    private readonly List<AsciiSet> _atoms = [];

    /// <summary>The most transitions the automaton may have.</summary>
    /// <value>The default value is <see cref="DefaultMaxTransitions"/>.</value>
    public int MaxTransitions { get; init; } = DefaultMaxTransitions;

    /// <summary>Adds <paramref name="pattern"/>; numbers it matches will report <paramref name="owner"/>.</summary>
    public void Add(AsteriskPattern pattern, int owner)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentOutOfRangeException.ThrowIfNegative(owner);
        var node = 0;
        foreach (var position in pattern.Positions)
        {
            node = Child(node, AtomId(position));
        }

        switch (pattern.Tail)
        {
            case PatternTail.None:
                _nodes[node].AddOwner(owner);
                break;
            case PatternTail.ZeroOrMore:
                _nodes[node].AddOwner(owner);
                _nodes[Child(node, AnyAtom)].AddOwner(owner);
                break;
            case PatternTail.OneOrMore:
                _nodes[Child(node, AnyAtom)].AddOwner(owner);
                break;
        }
    }

    /// <summary>Builds the automaton.</summary>
    /// <exception cref="PatternSetTooLargeException">The automaton would exceed <see cref="MaxTransitions"/>.</exception>
    public PatternSet Build()
    {
        var (classOf, classCount) = PartitionCharacters();
        var atomHasClass = AtomClassTable(classOf, classCount);

        var stateIds = new Dictionary<int[], int>(IntSequenceComparer.Instance);
        var stateLookup = stateIds.GetAlternateLookup<ReadOnlySpan<int>>();
        var states = new List<int[]> { Array.Empty<int>(), new[] { 0 } }; // dead, start = { trie root }
        stateIds.Add(states[PatternSet.DeadState], PatternSet.DeadState);
        stateIds.Add(states[PatternSet.StartState], PatternSet.StartState);

        // Most states are a single trie node (chains of X after a prefix); find those by array, not by hashing.
        var singletonState = new int[_nodes.Count];
        singletonState[0] = PatternSet.StartState;
        var transitions = new List<int>();
        var targets = new List<int>();
        for (var s = 0; s < states.Count; s++)
        {
            var members = states[s];
            for (var k = 0; k < classCount; k++)
            {
                targets.Clear();
                foreach (var n in members)
                {
                    var node = _nodes[n];
                    if (node.Loops)
                    {
                        targets.Add(n);
                    }

                    foreach (var (atom, child) in node.Edges)
                    {
                        if (atom == AnyAtom || atomHasClass[(atom * classCount) + k])
                        {
                            targets.Add(child);
                        }
                    }
                }

                transitions.Add(Intern(targets, states, stateLookup, singletonState));
            }

            if ((long)states.Count * classCount > MaxTransitions)
            {
                throw new PatternSetTooLargeException(
                    $"the patterns overlap in too many ways: their automaton would need more than {MaxTransitions:N0} transitions; "
                    + "simplify patterns that start with X, Z, N or sets");
            }
        }

        var (matchOfState, matches) = CollectMatches(states);
        return new PatternSet(classOf, classCount, [.. transitions], matchOfState, matches);
    }

    private static int Intern(List<int> targets, List<int[]> states, Dictionary<int[], int>.AlternateLookup<ReadOnlySpan<int>> lookup, int[] singletonState)
    {
        if (targets.Count == 0)
        {
            return PatternSet.DeadState;
        }

        if (targets.Count == 1)
        {
            var node = targets[0];
            if (singletonState[node] == 0)
            {
                singletonState[node] = states.Count;
                states.Add([node]);
            }

            return singletonState[node];
        }

        targets.Sort();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(targets);
        var distinct = Dedupe(span);
        if (distinct.Length == 1)
        {
            targets.RemoveRange(1, targets.Count - 1);
            return Intern(targets, states, lookup, singletonState);
        }

        if (lookup.TryGetValue(distinct, out var id))
        {
            return id;
        }

        id = states.Count;
        var key = distinct.ToArray();
        states.Add(key);
        lookup.Dictionary.Add(key, id);
        return id;
    }

    private (int[] MatchOfState, int[][] Matches) CollectMatches(List<int[]> states)
    {
        var matches = new List<int[]> { Array.Empty<int>() };
        var matchIds = new Dictionary<int[], int>(IntSequenceComparer.Instance) { { matches[0], 0 } };
        var lookup = matchIds.GetAlternateLookup<ReadOnlySpan<int>>();
        var matchOfState = new int[states.Count];
        var matchOfNode = new int[_nodes.Count]; // states where only one node ends patterns share its match; 0 = not yet known
        var owners = new List<int>();
        for (var s = 0; s < states.Count; s++)
        {
            var accepting = -1;
            var acceptingCount = 0;
            foreach (var n in states[s])
            {
                if (_nodes[n].Owners.Count > 0)
                {
                    accepting = n;
                    acceptingCount++;
                }
            }

            if (acceptingCount == 0)
            {
                continue; // matchOfState[s] = 0, the empty set
            }

            if (acceptingCount == 1 && matchOfNode[accepting] != 0)
            {
                matchOfState[s] = matchOfNode[accepting];
                continue;
            }

            owners.Clear();
            foreach (var n in states[s])
            {
                owners.AddRange(_nodes[n].Owners);
            }

            owners.Sort();
            var distinct = Dedupe(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(owners));
            if (!lookup.TryGetValue(distinct, out var id))
            {
                id = matches.Count;
                var key = distinct.ToArray();
                matches.Add(key);
                matchIds.Add(key, id);
            }

            matchOfState[s] = id;
            if (acceptingCount == 1)
            {
                matchOfNode[accepting] = id;
            }
        }

        return (matchOfState, [.. matches]);
    }

    /// <summary>
    /// Splits the characters into classes that no pattern position tells apart, so the automaton needs one
    /// transition per class instead of one per character (digits, '*', '#' and "everything else" in practice).
    /// </summary>
    private (byte[] ClassOf, int ClassCount) PartitionCharacters()
    {
        var classOf = new int[OtherCharacter + 1];
        var classCount = 1;
        var split = new Dictionary<(int, bool), int>();
        foreach (var atom in _atoms)
        {
            split.Clear();
            for (var c = 0; c <= OtherCharacter; c++)
            {
                var key = (classOf[c], c < OtherCharacter && atom.Contains((char)c));
                if (!split.TryGetValue(key, out var newClass))
                {
                    newClass = split.Count;
                    split.Add(key, newClass);
                }

                classOf[c] = newClass;
            }

            classCount = split.Count;
        }

        return (classOf.Select(c => (byte)c).ToArray(), classCount);
    }

    private bool[] AtomClassTable(byte[] classOf, int classCount)
    {
        var table = new bool[_atoms.Count * classCount];
        for (var c = 0; c < OtherCharacter; c++)
        {
            for (var a = 0; a < _atoms.Count; a++)
            {
                if (_atoms[a].Contains((char)c))
                {
                    table[(a * classCount) + classOf[c]] = true;
                }
            }
        }

        return table;
    }

    private int AtomId(AsciiSet set)
    {
        if (!_atomIds.TryGetValue(set, out var id))
        {
            id = _atoms.Count;
            _atoms.Add(set);
            _atomIds.Add(set, id);
        }

        return id;
    }

    private int Child(int node, int atom)
    {
        if (!_children.TryGetValue((node, atom), out var child))
        {
            child = _nodes.Count;
            _nodes.Add(new TrieNode { Loops = atom == AnyAtom });
            _nodes[node].Edges.Add((atom, child));
            _children.Add((node, atom), child);
        }

        return child;
    }

    private static ReadOnlySpan<int> Dedupe(Span<int> sorted)
    {
        if (sorted.IsEmpty)
        {
            return sorted;
        }

        var length = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[length - 1])
            {
                sorted[length++] = sorted[i];
            }
        }

        return sorted[..length];
    }

    /// <summary>A trie node: edges by character set; the owners of patterns ending here; a self-loop after <c>.</c>/<c>!</c>.</summary>
    private sealed class TrieNode
    {
        public List<(int Atom, int Child)> Edges { get; } = [];

        public List<int> Owners { get; } = [];

        public bool Loops { get; init; }

        public void AddOwner(int owner) => Owners.Add(owner);
    }
}
