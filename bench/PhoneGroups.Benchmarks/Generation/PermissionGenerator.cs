using System.Globalization;
using System.Text;

namespace PhoneGroups.Benchmarks.Generation;

/// <summary>
/// Writes a <c>permissions:</c> section for the generated policy, deterministically from a seed: half name users,
/// a quarter groups, some routes, some incoming calls; most deny, some allow, many with a password, a few disabled.
/// Their numbers are routes' own patterns (a route permission uses its route's), their prefixes with an open tail, and
/// some broad ones (<c>_00.</c>, <c>_NXXXXXX</c>, <c>_5.</c>), so that calls hit them.
/// </summary>
internal sealed class PermissionGenerator(int seed, List<string>[] routePatterns)
{
    public const int Permissions = 10_000;

    // "all international", "all local", "everything starting with 2..9": the rules admins write for whole groups
    private static readonly string[] BroadPatterns = ["_00.", "_NXXXXXX", "_NXXNXXXXXX", "_2.", "_3.", "_4.", "_5.", "_6.", "_7.", "_8.", "_9."];

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

            switch (kind)
            {
                case < 50:
                    yaml.Append("    numbers: [").AppendJoin(", ", Numbers(route: null)).AppendLine("]");
                    yaml.Append("    users: [").AppendJoin(", ", Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Quote(Extension())).Distinct()).AppendLine("]");
                    break;
                case < 75:
                    yaml.Append("    numbers: [").AppendJoin(", ", Numbers(route: null)).AppendLine("]");
                    yaml.Append("    groups: [").AppendJoin(", ", Enumerable.Range(0, _random.Next(1, 3)).Select(_ => $"Group{_random.Next(PolicyGenerator.Groups)}").Distinct()).AppendLine("]");
                    break;
                case < 90:
                    // a route permission names a route and some of that route's own numbers
                    var route = _random.Next(PolicyGenerator.Routes);
                    yaml.Append("    numbers: [").AppendJoin(", ", Numbers(route)).AppendLine("]");
                    yaml.Append("    routes: [Route").Append(route).AppendLine("]");
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

    private IEnumerable<string> Numbers(int? route) =>
        Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Quote(DialedPattern(route ?? _random.Next(PolicyGenerator.Routes)))).Distinct();

    /// <summary>One of the route's own patterns (60%), its literal prefix with an open tail (30%), or a broad one (10%).</summary>
    private string DialedPattern(int route)
    {
        var pattern = routePatterns[route][_random.Next(PolicyGenerator.PatternsPerRoute)];
        var kind = _random.Next(100);
        if (kind < 60 || !pattern.StartsWith('_'))
        {
            return pattern;
        }

        if (kind < 90)
        {
            // the pattern's literal prefix, then anything: _2345XXXX -> _2345.
            var prefix = new string([.. pattern.Skip(1).TakeWhile(char.IsAsciiDigit)]);
            return prefix.Length > 0 ? $"_{prefix}." : pattern;
        }

        return BroadPatterns[_random.Next(BroadPatterns.Length)];
    }

    private string Extension() =>
        (PolicyGenerator.FirstExtension + _random.Next(PolicyGenerator.Extensions)).ToString(CultureInfo.InvariantCulture);

    private static string Quote(string text) => $"\"{text}\"";
}
