using PhoneGroups.Policy.Model;

namespace PhoneGroups.Policy.Permissions;

/// <summary>
/// The passwords a challenge accepts, in policy order: the caller's PIN alone when it replaces the passwords (user
/// level), otherwise the password of every matching deny permission of the deciding level. Walked from prebuilt data;
/// enumerating allocates nothing.
/// </summary>
public readonly struct AcceptedPasswords : IEnumerable<AcceptedPassword>
{
    private readonly PermissionTable? _table;
    private readonly PermissionMatches _matches;
    private readonly ExtensionInfo? _pinHolder;   // set when the PIN replaces the passwords
    private readonly PermissionInfo? _deciding;

    internal AcceptedPasswords(PermissionTable table, PermissionMatches matches, ExtensionInfo? pinHolder, PermissionInfo deciding)
    {
        _table = table;
        _matches = matches;
        _pinHolder = pinHolder;
        _deciding = deciding;
    }

    /// <summary>Enumerates without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<AcceptedPassword> IEnumerable<AcceptedPassword>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the accepted passwords.</summary>
    public struct Enumerator : IEnumerator<AcceptedPassword>
    {
        private readonly AcceptedPasswords _passwords;
        private PermissionMatches _matches;
        private bool _pinGiven;

        internal Enumerator(AcceptedPasswords passwords)
        {
            _passwords = passwords;
            _matches = passwords._matches.Restart();
            _pinGiven = false;
            Current = default;
        }

        /// <inheritdoc />
        public AcceptedPassword Current { get; private set; }

        readonly object System.Collections.IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext()
        {
            if (_passwords._table is null)
            {
                return false;
            }

            if (_passwords._pinHolder is { Pin: { } pin })
            {
                if (_pinGiven)
                {
                    return false;
                }

                _pinGiven = true;
                Current = new AcceptedPassword(pin, _passwords._deciding!, isPin: true);
                return true;
            }

            while (_matches.MoveNext(out var index))
            {
                var permission = _passwords._table.Permissions[index];
                if (permission.Password is { } password)
                {
                    Current = new AcceptedPassword(password, permission, isPin: false);
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc />
        public void Reset()
        {
            _matches = _passwords._matches.Restart();
            _pinGiven = false;
        }

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
