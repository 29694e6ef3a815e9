using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PhoneGroups.Policy.Tests.Patterns;

/// <summary>
/// The obvious, slow reading of Asterisk's pattern rules: one anchored <see cref="Regex"/> per pattern.
/// It shares no code with the engine, so agreeing with it means something. The benchmarks use it as the naive baseline.
/// </summary>
internal static class ReferenceMatcher
{
    public static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder(@"\A");
        if (!pattern.StartsWith('_'))
        {
            foreach (var c in pattern.Where(c => c != '-'))
            {
                regex.Append(Escape(c));
            }
        }
        else
        {
            for (var i = 1; i < pattern.Length; i++)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '-':
                        break;
                    case 'X' or 'x':
                        regex.Append("[0-9]");
                        break;
                    case 'Z' or 'z':
                        regex.Append("[1-9]");
                        break;
                    case 'N' or 'n':
                        regex.Append("[2-9]");
                        break;
                    case '.':
                        regex.Append(@"[\s\S]+");
                        break;
                    case '!':
                        regex.Append(@"[\s\S]*");
                        break;
                    case '[':
                        var close = pattern.IndexOf(']', i + 1);
                        regex.Append('[');
                        var body = pattern[(i + 1)..close];
                        for (var j = 0; j < body.Length; j++)
                        {
                            if (j + 2 < body.Length && body[j + 1] == '-')
                            {
                                regex.Append(Escape(body[j])).Append('-').Append(Escape(body[j + 2]));
                                j += 2;
                            }
                            else
                            {
                                regex.Append(Escape(body[j]));
                            }
                        }

                        regex.Append(']');
                        i = close;
                        break;
                    default:
                        regex.Append(Escape(c));
                        break;
                }
            }
        }

        return new Regex(regex.Append(@"\z").ToString(), RegexOptions.CultureInvariant);
    }

    /// <summary>Asterisk drops dashes from the dialed number before comparing.</summary>
    public static string Normalize(string number) => number.Replace("-", string.Empty, StringComparison.Ordinal);

    public static bool IsMatch(string pattern, string number) => ToRegex(pattern).IsMatch(Normalize(number));

    private static string Escape(char c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
