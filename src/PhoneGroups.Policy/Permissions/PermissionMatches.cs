namespace PhoneGroups.Policy.Permissions;

/// <summary>
/// The enabled permissions of one level that match a call, by ascending index: the permissions matching the
/// dialed number intersected with those naming the caller, its group or the route (or, for incoming, those whose
/// <c>numbers</c> match the caller's number). Walks the shorter sorted list and binary-searches the longer; allocates nothing.
/// </summary>
internal struct PermissionMatches
{
    private readonly PermissionTable _table;
    private readonly int _dialedMatch;
    private readonly ArraySegment<int> _named;  // a level's permissions (no array: incoming)
    private readonly int _callerMatch;    // incoming: the match id of the caller's number
    private int _next;

    public PermissionMatches(PermissionTable table, int dialedMatch, ArraySegment<int> named)
    {
        _table = table;
        _dialedMatch = dialedMatch;
        _named = named;
        _callerMatch = 0;
        _next = 0;
    }

    public PermissionMatches(PermissionTable table, int dialedMatch, int callerMatch)
    {
        _table = table;
        _dialedMatch = dialedMatch;
        _named = default;
        _callerMatch = callerMatch;
        _next = 0;
    }

    public bool MoveNext(out int permission)
    {
        var dialed = _table.DialedOwners(_dialedMatch);
        ReadOnlySpan<int> other;
        var offset = 0;
        if (_named.Array is not null)
        {
            other = _named;
        }
        else
        {
            other = _table.CallerOwners(_callerMatch);
            offset = _table.Count; // caller-side owners are permission index + Count
        }

        if (other.Length <= dialed.Length)
        {
            while (_next < other.Length)
            {
                permission = other[_next++] - offset;
                if (dialed.BinarySearch(permission) >= 0)
                {
                    return true;
                }
            }
        }
        else
        {
            while (_next < dialed.Length)
            {
                permission = dialed[_next++];
                if (other.BinarySearch(permission + offset) >= 0)
                {
                    return true;
                }
            }
        }

        permission = -1;
        return false;
    }

    /// <summary>The same matches from the start.</summary>
    public readonly PermissionMatches Restart() => this with { _next = 0 };

    /// <summary>Whether <paramref name="permission"/> is among the matches (wherever the walk is).</summary>
    public readonly bool Contains(int permission)
    {
        if (_table.DialedOwners(_dialedMatch).BinarySearch(permission) < 0)
        {
            return false;
        }

        return _named.Array is not null
            ? _named.AsSpan().BinarySearch(permission) >= 0
            : _table.CallerOwners(_callerMatch).BinarySearch(permission + _table.Count) >= 0;
    }
}
