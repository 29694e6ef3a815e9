using System.Text;

namespace PhoneGroups.Ari.Rest;

/// <summary>Builds an ARI path with an escaped query string, skipping parameters that have no value.</summary>
internal sealed class AriQuery(string path)
{
    private readonly StringBuilder _text = new(path);
    private bool _hasQuery;

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    public AriQuery Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _text.Append(_hasQuery ? '&' : '?').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        _hasQuery = true;
        return this;
    }

    public AriQuery Add(string name, int? value) =>
        value is null ? this : Add(name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();
}
