using System.Globalization;
using System.Text;

namespace PhoneGroups.Benchmarks.Generation;

/// <summary>
/// Writes a large, realistic policy as YAML, deterministically from a seed: numbers and patterns shaped like
/// real dial plans (prefixes followed by digit classes, a few sets and open tails, feature codes, extension literals).
/// </summary>
internal sealed class PolicyGenerator
{
    public const int Groups = 10_000;
    public const int MembersPerGroup = 10;
    public const int Routes = 500;
    public const int PatternsPerRoute = 20;
    public const int AllowPatternsPerIsolatedGroup = 5;
    public const int IsolatedGroups = 8_000;   // 8,000 × 5 allow + 500 × 20 route patterns = 50,000 patterns
    public const int FirstExtension = 100_000;

    private readonly Random _random;

    public PolicyGenerator(int seed) => _random = new Random(seed);

    public static int Extensions => Groups * MembersPerGroup;

    public static int Patterns => (IsolatedGroups * AllowPatternsPerIsolatedGroup) + (Routes * PatternsPerRoute);

    public GeneratedPolicy Generate()
    {
        var yaml = new StringBuilder(8 * 1024 * 1024);
        yaml.AppendLine("version: 1");
        yaml.AppendLine("settings:");
        yaml.AppendLine("  defaultLanguage: en");
        yaml.AppendLine("  emergencyNumbers: [\"112\", \"911\"]");
        yaml.AppendLine("  unknownCallers: internal-only");

        var routePatterns = new List<string>[Routes];
        var groupAllows = new List<string>[Groups];
        yaml.AppendLine("groups:");
        for (var g = 0; g < Groups; g++)
        {
            yaml.Append("  - name: Group").Append(g).AppendLine();
            if (g == 0)
            {
                yaml.AppendLine("    default: true");
            }

            var isolated = g > 0 && g <= IsolatedGroups;
            groupAllows[g] = [];
            if (isolated)
            {
                yaml.AppendLine("    isolated: true");
                yaml.AppendLine("    pickupIsolated: true");
                for (var i = 0; i < AllowPatternsPerIsolatedGroup; i++)
                {
                    groupAllows[g].Add(AllowPattern());
                }

                yaml.Append("    allow: [").AppendJoin(", ", groupAllows[g].Select(Quote)).AppendLine("]");
            }

            if (g % 7 == 0)
            {
                yaml.Append("    language: ").AppendLine(g % 14 == 0 ? "de" : "fr");
            }

            yaml.Append("    members: [");
            for (var m = 0; m < MembersPerGroup; m++)
            {
                yaml.Append(m == 0 ? "\"" : ", \"").Append(FirstExtension + (g * MembersPerGroup) + m).Append('"');
            }

            yaml.AppendLine("]");
            if (g % 2 == 1)
            {
                // half the groups list 3 to 10 routes, some with their own caller ID
                var granted = Enumerable.Range(0, _random.Next(3, 11)).Select(_ => _random.Next(Routes)).Distinct().Order();
                yaml.AppendLine("    routes:");
                foreach (var r in granted)
                {
                    yaml.Append("      - { name: Route").Append(r);
                    if (_random.Next(3) == 0)
                    {
                        yaml.Append(", callerId: \"555").Append(_random.Next(1_000_000, 9_999_999)).Append('"');
                    }

                    yaml.AppendLine(" }");
                }
            }
        }

        yaml.AppendLine("routes:");
        yaml.AppendLine("  - { name: Emergency, patterns: [\"112\", \"911\"], dial: \"PJSIP/{number}@trunk-e\" }");
        for (var r = 0; r < Routes; r++)
        {
            routePatterns[r] = [.. Enumerable.Range(0, PatternsPerRoute).Select(i => RoutePattern(r, i))];
            yaml.Append("  - name: Route").Append(r).AppendLine();
            yaml.Append("    patterns: [").AppendJoin(", ", routePatterns[r].Select(Quote)).AppendLine("]");
            if (r % 10 == 9)
            {
                yaml.Append("    context: outbound-").Append(r).AppendLine();
            }
            else
            {
                yaml.Append("    dial: \"PJSIP/{number}@trunk-").Append(r % 8).AppendLine("\"");
                if (r % 5 == 0)
                {
                    yaml.AppendLine("    strip: 1");
                    yaml.AppendLine("    prefix: \"00\"");
                }
            }
        }

        return new GeneratedPolicy(yaml.ToString(), routePatterns, groupAllows);
    }

    /// <summary>Route patterns: mostly prefix + digits, some with a set, international ones open-ended, a few led by N.</summary>
    private string RoutePattern(int route, int index)
    {
        var kind = _random.Next(100);
        if (route % 100 == 0 && index == 0)
        {
            return route % 200 == 0 ? "_NXXXXXX" : "_NXXNXXXXXX"; // a handful of broad local/national patterns
        }

        return kind switch
        {
            < 70 => $"_{Prefix(2, 5)}{new string('X', _random.Next(4, 8))}",
            < 85 => $"_{Prefix(2, 4)}[{_random.Next(0, 5)}-{_random.Next(5, 10)}]{new string('X', _random.Next(4, 7))}",
            < 95 => $"_00{Prefix(1, 3)}.",
            _ => $"_{Prefix(3, 6)}!",
        };
    }

    /// <summary>Allow patterns: customer number ranges, regional sets, feature codes and other groups' extensions.</summary>
    private string AllowPattern() => _random.Next(100) switch
    {
        < 40 => $"_{Prefix(2, 5)}{new string('X', _random.Next(3, 7))}",
        < 55 => $"_8[0-{_random.Next(1, 10)}]{new string('X', 7)}",
        < 60 => $"*{_random.Next(10, 99)}",
        _ => (FirstExtension + _random.Next(Extensions)).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Digits starting 2-9, so external prefixes never look like the 1xxxxx extensions.</summary>
    private string Prefix(int minLength, int maxLength)
    {
        var length = _random.Next(minLength, maxLength + 1);
        var prefix = new StringBuilder(length).Append((char)('2' + _random.Next(8)));
        for (var i = 1; i < length; i++)
        {
            prefix.Append((char)('0' + _random.Next(10)));
        }

        return prefix.ToString();
    }

    private static string Quote(string text) => $"\"{text}\"";
}
