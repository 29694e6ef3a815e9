using System.Buffers;
using System.Globalization;
using System.Text;

namespace PhoneGroups.Policy.Numbers;

/// <summary>
/// What a dialed number may hold before any rule looks at it: <c>0-9 A-Z a-z * # +</c>, and dashes, which
/// are dropped as Asterisk does. Anything else is refused, because the number ends up in dial strings and
/// dialplan continues: <c>&amp;</c> splits a <c>Dial()</c> into several calls, <c>/</c>, <c>@</c>, <c>,</c> and
/// <c>)</c> change what or where it dials, and all of them are legal in a SIP request-URI.
/// </summary>
public static class DialedNumber
{
    /// <summary>The longest number accepted (E.164 has 15 digits; prefixes, PINs and feature codes fit easily).</summary>
    public const int MaxLength = 80;

    /// <summary>The extension a dialplan context is entered at instead of an invalid number (Asterisk's own "invalid" extension).</summary>
    public const string InvalidExtension = "i";

    /// <summary>The allowed characters, for messages.</summary>
    public const string AllowedDescription = "digits, letters, '*', '#' and '+'";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz*#+-");

    /// <summary>What is wrong with <paramref name="dialed"/>, or null when it may be dialed. Allocates only for invalid numbers.</summary>
    public static InvalidNumber? Validate(ReadOnlySpan<char> dialed)
    {
        var bad = dialed.IndexOfAnyExcept(Allowed);
        if (bad >= 0)
        {
            return new InvalidNumber(dialed[bad], bad, $"it holds {Describe(dialed[bad])} at position {bad + 1}");
        }

        if (dialed.Length > MaxLength)
        {
            return new InvalidNumber(null, MaxLength, $"it is {dialed.Length} characters long, and the longest number accepted has {MaxLength}");
        }

        return dialed.IndexOfAnyExcept('-') < 0 ? new InvalidNumber(null, 0, "it is empty") : null;
    }

    /// <summary>Whether <paramref name="dialed"/> may be dialed. Allocation-free.</summary>
    public static bool IsValid(ReadOnlySpan<char> dialed) =>
        dialed.Length <= MaxLength && dialed.IndexOfAnyExcept(Allowed) < 0 && dialed.IndexOfAnyExcept('-') >= 0;

    /// <summary>
    /// The extension to hand to a dialplan context: the number itself when it is valid, else
    /// <see cref="InvalidExtension"/>, so no other character ever reaches a <c>Goto</c> or <c>${EXTEN}</c>.
    /// </summary>
    public static string ForDialplan(string dialed)
    {
        ArgumentNullException.ThrowIfNull(dialed);
        return IsValid(dialed) ? dialed : InvalidExtension;
    }

    /// <summary><paramref name="dialed"/> for a log line or a sentence: control and other invisible characters as U+XXXX, cut at 2 × <see cref="MaxLength"/>.</summary>
    public static string Printable(string dialed)
    {
        ArgumentNullException.ThrowIfNull(dialed);
        var shown = dialed.Length > 2 * MaxLength ? dialed[..(2 * MaxLength)] : dialed;
        if (IsValid(shown))
        {
            return shown == dialed ? dialed : shown + "…";
        }

        var text = new StringBuilder(shown.Length + 8);
        foreach (var c in shown)
        {
            text.Append(IsVisible(c) ? c.ToString() : $"<U+{(int)c:X4}>");
        }

        return shown.Length == dialed.Length ? text.ToString() : text.Append('…').ToString();
    }

    private static string Describe(char c) =>
        IsVisible(c) && c != ' ' ? $"'{c}'" : $"U+{(int)c:X4} ({(c == ' ' ? "a space" : "an invisible character")})";

    private static bool IsVisible(char c) => !char.IsControl(c) && !char.IsSurrogate(c)
        && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
