namespace PhoneGroups.Policy.Patterns;

/// <summary>Turns pattern text into positions and a tail, or into an error message an admin can act on.</summary>
internal static class PatternParser
{
    private static readonly AsciiSet Digits = AsciiSet.Range('0', '9');
    private static readonly AsciiSet OneToNine = AsciiSet.Range('1', '9');
    private static readonly AsciiSet TwoToNine = AsciiSet.Range('2', '9');

    /// <returns>null when the text is valid, else why not.</returns>
    public static string? Parse(string text, out AsciiSet[] positions, out PatternTail tail)
    {
        positions = [];
        tail = PatternTail.None;
        if (text.Length == 0)
        {
            return "a pattern may not be empty";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c <= ' ' || c >= 127)
            {
                return c == ' '
                    ? "spaces are not allowed in patterns"
                    : $"character U+{(int)c:X4} at position {i + 1} is not allowed (printable ASCII only)";
            }

            if (c == '/')
            {
                return "caller-ID patterns ('/') are not supported";
            }
        }

        var list = new List<AsciiSet>(text.Length);
        var error = text[0] == '_' ? ParsePattern(text, list, out tail) : ParseLiteral(text, list);
        if (error is null && list.Count == 0 && tail == PatternTail.None)
        {
            error = "the pattern matches nothing but an empty number";
        }

        positions = [.. list];
        return error;
    }

    private static string? ParseLiteral(string text, List<AsciiSet> positions)
    {
        // Asterisk ignores dashes in literal extensions too ("555-0100" is 5550100).
        foreach (var c in text)
        {
            if (c != '-')
            {
                positions.Add(AsciiSet.Of(c));
            }
        }

        return null;
    }

    private static string? ParsePattern(string text, List<AsciiSet> positions, out PatternTail tail)
    {
        tail = PatternTail.None;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (tail != PatternTail.None)
            {
                if (c == '-')
                {
                    continue;
                }

                // Asterisk stops at the first `.` or `!` and ignores the rest: say so rather than guess.
                return $"'{c}' after '{(tail == PatternTail.OneOrMore ? '.' : '!')}' would be ignored by Asterisk; '.' and '!' must end the pattern";
            }

            switch (c)
            {
                case '-':
                    break;
                case 'X' or 'x':
                    positions.Add(Digits);
                    break;
                case 'Z' or 'z':
                    positions.Add(OneToNine);
                    break;
                case 'N' or 'n':
                    positions.Add(TwoToNine);
                    break;
                case '.':
                    tail = PatternTail.OneOrMore;
                    break;
                case '!':
                    tail = PatternTail.ZeroOrMore;
                    break;
                case '[':
                    var close = text.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        return $"'[' at position {i + 1} is never closed with ']'";
                    }

                    var error = ParseSet(text.AsSpan(i + 1, close - i - 1), i + 1, out var set);
                    if (error is not null)
                    {
                        return error;
                    }

                    positions.Add(set);
                    i = close;
                    break;
                case ']':
                    return $"']' at position {i + 1} has no opening '['";
                default:
                    positions.Add(AsciiSet.Of(c));
                    break;
            }
        }

        return null;
    }

    /// <summary>Parses the inside of <c>[...]</c>: single characters and ranges like <c>0-5</c>, as Asterisk reads them.</summary>
    private static string? ParseSet(ReadOnlySpan<char> body, int openPosition, out AsciiSet set)
    {
        set = AsciiSet.Empty;
        if (body.IsEmpty)
        {
            return $"'[]' at position {openPosition} is an empty set";
        }

        for (var i = 0; i < body.Length; i++)
        {
            // Like Asterisk: "a-b" is a range only with a character on both sides; a leading or trailing '-' is literal.
            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                var (first, last) = (body[i], body[i + 2]);
                if (first > last)
                {
                    return $"range '{first}-{last}' in the set at position {openPosition} runs backwards";
                }

                set = set.Union(AsciiSet.Range(first, last));
                i += 2;
            }
            else
            {
                set = set.Union(AsciiSet.Of(body[i]));
            }
        }

        return null;
    }
}
