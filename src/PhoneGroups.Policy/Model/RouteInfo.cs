using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Model;

/// <summary>An outbound route: which numbers it takes and how the call leaves (a dial string or a dialplan context).</summary>
public sealed class RouteInfo
{
    /// <summary>The placeholder in <see cref="DialTemplate"/> that stands for the number after strip and prefix.</summary>
    public const string NumberPlaceholder = "{number}";

    private readonly string[]? _dialParts; // the template split at each placeholder

    internal RouteInfo(int index, string name, IReadOnlyList<AsteriskPattern> patterns, string? dialTemplate, string? context, int strip, string prefix)
    {
        Index = index;
        Name = name;
        Patterns = patterns;
        DialTemplate = dialTemplate;
        Context = context;
        Strip = strip;
        Prefix = prefix;
        _dialParts = dialTemplate?.Split(NumberPlaceholder);
    }

    /// <summary>The route's position in the policy; routes are tried in this order.</summary>
    public int Index { get; }

    /// <summary>The route's name.</summary>
    public string Name { get; }

    /// <summary>The numbers the route takes.</summary>
    public IReadOnlyList<AsteriskPattern> Patterns { get; }

    /// <summary>The dial string with <c>{number}</c> placeholders, or null when the route hands calls to <see cref="Context"/>.</summary>
    public string? DialTemplate { get; }

    /// <summary>The dialplan context calls are handed back to, or null when the route dials <see cref="DialTemplate"/>.</summary>
    public string? Context { get; }

    /// <summary>How many characters are removed from the front of the number.</summary>
    /// <value>The default value is 0.</value>
    public int Strip { get; }

    /// <summary>What is put in front of the number after stripping.</summary>
    /// <value>The default value is empty.</value>
    public string Prefix { get; }

    /// <summary>The number this route sends out for <paramref name="dialed"/>: dashes dropped, then strip, then prefix.</summary>
    public string FormatNumber(string dialed)
    {
        ArgumentNullException.ThrowIfNull(dialed);
        Span<char> buffer = stackalloc char[256];
        return TryFormatNumber(dialed, buffer, out var written) ? new string(buffer[..written]) : FormatNumberSlow(dialed);
    }

    /// <summary>The dial string for <paramref name="dialed"/>, or null when the route uses a context.</summary>
    public string? FormatDial(string dialed)
    {
        ArgumentNullException.ThrowIfNull(dialed);
        if (_dialParts is null)
        {
            return null;
        }

        var number = FormatNumber(dialed);
        return string.Join(number, _dialParts);
    }

    /// <summary>Writes the dial string for <paramref name="dialed"/> without allocating; false when it does not fit or the route uses a context.</summary>
    public bool TryFormatDial(ReadOnlySpan<char> dialed, Span<char> destination, out int written)
    {
        written = 0;
        if (_dialParts is null)
        {
            return false;
        }

        Span<char> number = stackalloc char[256];
        if (!TryFormatNumber(dialed, number, out var numberLength))
        {
            return false;
        }

        for (var i = 0; i < _dialParts.Length; i++)
        {
            if ((i > 0 && !Append(number[..numberLength], destination, ref written)) || !Append(_dialParts[i], destination, ref written))
            {
                written = 0;
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the number this route sends out for <paramref name="dialed"/>; false when it does not fit.</summary>
    public bool TryFormatNumber(ReadOnlySpan<char> dialed, Span<char> destination, out int written)
    {
        written = 0;
        if (!Append(Prefix, destination, ref written))
        {
            return false;
        }

        var skip = Strip;
        foreach (var c in dialed)
        {
            if (c == '-')
            {
                continue;
            }

            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (written == destination.Length)
            {
                written = 0;
                return false;
            }

            destination[written++] = c;
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private string FormatNumberSlow(string dialed)
    {
        var number = dialed.Replace("-", string.Empty, StringComparison.Ordinal);
        return Prefix + (Strip >= number.Length ? string.Empty : number[Strip..]);
    }

    private static bool Append(ReadOnlySpan<char> value, Span<char> destination, ref int written)
    {
        if (!value.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += value.Length;
        return true;
    }
}
