using System.Globalization;
using System.Text;

namespace PhoneGroups.Benchmarks.Generation;

/// <summary>
/// Writes a <c>permissions:</c> section for the generated policy, deterministically from a seed: half name users,
/// a quarter groups, some routes, some incoming calls; most deny, some allow, many with a password, a few disabled.
/// Their numbers are the routes' own patterns (so calls hit them), narrower prefixes of them, and a few broad ones.
/// </summary>
internal sealed class PermissionGenerator(int seed, List<string>[] routePatterns)
{
    public const int Permissions = 10_000;

    private readonly Random _random = new(seed);

    public string Generate()
    {
        var yaml = new StringBuilder(2 * 1024 * 1024);
        yaml.AppendLine("permissions:");
        for (var p = 0; p < Permissions; p++)
        {
            var kind = _random.Next(100);
            var allow = _random.Next(100) < 30;
            yaml.Append("  - name: Permission").Append(p).AppendLine();
            if (allow)
            {
                yaml.AppendLine("    mode: allow");
            }

            if (kind < 90)
            {
                yaml.Append("    numbers: [").AppendJoin(", ", Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Quote(DialedPattern()))).AppendLine("]");
            }

            switch (kind)
            {
                case < 50:
                    yaml.Append("    users: [").AppendJoin(", ", Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Quote(Extension())).Distinct()).AppendLine("]");
                    break;
                case < 75:
                    yaml.Append("    groups: [").AppendJoin(", ", Enumerable.Range(0, _random.Next(1, 3)).Select(_ => $"Group{_random.Next(PolicyGenerator.Groups)}").Distinct()).AppendLine("]");
                    break;
                case < 90:
                    yaml.Append("    routes: [").AppendJoin(", ", Enumerable.Range(0, _random.Next(1, 3)).Select(_ => $"Route{_random.Next(PolicyGenerator.Routes)}").Distinct()).AppendLine("]");
                    break;
                default:
                    // incoming: outside numbers (premium lines, a caller's own number) calling a range of extensions
                    yaml.Append("    numbers: [\"_0900").Append(_random.Next(10, 99)).Append(".\", \"").Append(_random.Next(2_000_000, 9_999_999)).AppendLine("\"]");
                    var first = Extension();
                    yaml.Append("    incoming: [").Append(Quote(first)).Append(", ").Append(Quote("_" + first[..^2] + "XX")).AppendLine("]");
                    break;
            }

            if (!allow && _random.Next(100) < 40)
            {
                yaml.Append("    password: \"").Append(_random.Next(1000, 99_999_999)).AppendLine("\"");
                if (_random.Next(2) == 0)
                {
                    yaml.Append("    accountCode: code-").Append(p).AppendLine();
                }
            }

            if (_random.Next(100) < 5)
            {
                yaml.AppendLine("    enabled: false");
            }
        }

        return yaml.ToString();
    }

    /// <summary>A route's own pattern (70%), a narrower prefix with an open tail (25%), or a broad one (5%).</summary>
    private string DialedPattern()
    {
        var pattern = routePatterns[_random.Next(routePatterns.Length)][_random.Next(PolicyGenerator.PatternsPerRoute)];
        var kind = _random.Next(100);
        if (kind < 70 || !pattern.StartsWith('_'))
        {
            return pattern;
        }

        if (kind < 95)
        {
            // the pattern's literal prefix, then anything: _2345XXXX -> _2345.
            var prefix = new string([.. pattern.Skip(1).TakeWhile(char.IsAsciiDigit)]);
            return prefix.Length > 0 ? $"_{prefix}." : pattern;
        }

        return _random.Next(2) == 0 ? "_00." : "_NXXXXXX";
    }

    private string Extension() =>
        (PolicyGenerator.FirstExtension + _random.Next(PolicyGenerator.Extensions)).ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text) => $"\"{text}\"";
}
