using System.Text;

namespace PhoneGroups.Benchmarks.Generation;

/// <summary>The generated YAML, plus what it contains, to derive calls that exercise every kind of decision.</summary>
internal sealed class GeneratedPolicy(string yaml, List<string>[] routePatterns, List<string>[] groupAllows)
{
    public string Yaml => yaml;

    /// <summary>The same policy with <see cref="PermissionGenerator.Permissions"/> call permissions appended.</summary>
    public string YamlWithPermissions => field ??= yaml + new PermissionGenerator(BenchmarkPolicy.Seed, routePatterns).Generate();

    /// <summary>An outside caller's number for each call: mostly ordinary numbers, a few premium-rate ones.</summary>
    public static string[] OutsideNumbers(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.Next(10) == 0
            ? "0900" + random.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture) + random.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : random.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// A reproducible mix of calls: a third internal (own group or another), most of the rest to numbers a route
    /// (or the caller's allow list) takes, some to numbers nothing takes, a few from unknown callers and to 911.
    /// </summary>
    public (string? From, string To)[] Calls(int count, int seed)
    {
        var random = new Random(seed);
        var calls = new (string? From, string To)[count];
        for (var i = 0; i < count; i++)
        {
            var group = random.Next(PolicyGenerator.Groups);
            var from = random.Next(100) < 2 ? null : Extension(group, random.Next(PolicyGenerator.MembersPerGroup));
            var kind = random.Next(100);
            var to = kind switch
            {
                < 15 => Extension(group, random.Next(PolicyGenerator.MembersPerGroup)),
                < 30 => Extension(random.Next(PolicyGenerator.Groups), random.Next(PolicyGenerator.MembersPerGroup)),
                < 75 => Instantiate(routePatterns[random.Next(routePatterns.Length)][random.Next(PolicyGenerator.PatternsPerRoute)], random),
                < 90 when groupAllows[group].Count > 0 => Instantiate(groupAllows[group][random.Next(groupAllows[group].Count)], random),
                < 99 => "9" + random.Next(1_000_000, 9_999_999),
                _ => "911",
            };
            calls[i] = (from, to);
        }

        return calls;
    }

    private static string Extension(int group, int member) =>
        (PolicyGenerator.FirstExtension + (group * PolicyGenerator.MembersPerGroup) + member).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A number the pattern matches: each class replaced by one of its digits, tails by a few digits.</summary>
    private static string Instantiate(string pattern, Random random)
    {
        if (!pattern.StartsWith('_'))
        {
            return pattern;
        }

        var number = new StringBuilder();
        for (var i = 1; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case 'X':
                    number.Append((char)('0' + random.Next(10)));
                    break;
                case 'Z':
                    number.Append((char)('1' + random.Next(9)));
                    break;
                case 'N':
                    number.Append((char)('2' + random.Next(8)));
                    break;
                case '[':
                    var low = pattern[i + 1];
                    var high = pattern[i + 3];
                    number.Append((char)random.Next(low, high + 1));
                    i += 4;
                    break;
                case '.' or '!':
                    number.Append(random.Next(10_000, 99_999_999));
                    break;
                default:
                    number.Append(c);
                    break;
            }
        }

        return number.ToString();
    }
}
