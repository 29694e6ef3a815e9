using System.Diagnostics.CodeAnalysis;

namespace PhoneGroups.Policy.Patterns;

/// <summary>
/// One Asterisk extension pattern (<c>_7XXX</c>, <c>_8[0-5]XXXXXXX</c>) or literal (<c>*80</c>, <c>911</c>),
/// parsed once. The semantics are those of Asterisk's <c>extension_match_core</c>:
/// <c>-</c> is ignored in both pattern and number, <c>X</c>/<c>Z</c>/<c>N</c> are digit classes in either case,
/// <c>.</c> is one or more and <c>!</c> zero or more characters of any kind, everything else matches itself.
/// </summary>
public sealed class AsteriskPattern
{
    private readonly AsciiSet[] _positions;

    private AsteriskPattern(string text, AsciiSet[] positions, PatternTail tail)
    {
        Text = text;
        _positions = positions;
        Tail = tail;
    }

    /// <summary>The pattern as written in the policy.</summary>
    public string Text { get; }

    /// <summary>What the pattern accepts after its fixed positions.</summary>
    public PatternTail Tail { get; }

    /// <summary>Whether the pattern is a literal string (no leading <c>_</c>).</summary>
    public bool IsLiteral => !Text.StartsWith('_');

    /// <summary>The number of fixed positions, that is characters a number needs before the tail.</summary>
    public int FixedLength => _positions.Length;

    internal ReadOnlySpan<AsciiSet> Positions => _positions;

    /// <summary>Parses <paramref name="text"/>, or explains in <paramref name="error"/> why it is not a valid pattern.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out AsteriskPattern? pattern, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = null;
        error = PatternParser.Parse(text, out var positions, out var tail);
        if (error is not null)
        {
            return false;
        }

        pattern = new AsteriskPattern(text, positions, tail);
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid pattern.</exception>
    public static AsteriskPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern : throw new FormatException($"Invalid pattern '{text}': {error}");

    /// <summary>
    /// Whether <paramref name="number"/> matches, checked directly against this one pattern.
    /// The compiled <see cref="PatternSet"/> answers the same for many patterns at once.
    /// </summary>
    public bool IsMatch(ReadOnlySpan<char> number)
    {
        var position = 0;
        foreach (var c in number)
        {
            if (c == '-')
            {
                continue;
            }

            if (position == _positions.Length)
            {
                // Out of fixed positions: only a tail can take the rest (and `.` has its one character now).
                return Tail != PatternTail.None;
            }

            if (!_positions[position].Contains(c))
            {
                return false;
            }

            position++;
        }

        return position == _positions.Length && Tail != PatternTail.OneOrMore;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
