namespace PhoneGroups.Policy.Patterns;

/// <summary>
/// A set of ASCII characters: what one position of a pattern accepts.
/// Patterns may only name printable ASCII, so 128 bits hold any position exactly.
/// </summary>
internal readonly record struct AsciiSet(UInt128 Bits)
{
    public static AsciiSet Empty => default;

    public static AsciiSet Of(char c) => c < 128 ? new AsciiSet(UInt128.One << c) : Empty;

    /// <summary>The characters <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static AsciiSet Range(char first, char last)
    {
        var bits = UInt128.Zero;
        for (var c = first; c <= last && c < 128; c++)
        {
            bits |= UInt128.One << c;
        }

        return new AsciiSet(bits);
    }

    public bool IsEmpty => Bits == UInt128.Zero;

    public bool Contains(char c) => c < 128 && ((Bits >> c) & UInt128.One) != UInt128.Zero;

    public AsciiSet Union(AsciiSet other) => new(Bits | other.Bits);
}
