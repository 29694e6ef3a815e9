using System.Globalization;
using System.Text;

namespace PhoneGroups.Documents;

/// <summary>
/// A unified diff of two documents as one hunk around the changed lines (3 lines of context). The common
/// start and end are cut first, so a one-line change in a 100k-line policy costs a linear scan; the middle is
/// matched line by line when it is small, and shown as removed-then-added when it is not.
/// </summary>
public static class LineDiff
{
    private const int Context = 3;
    private const long MaxMatrix = 4_000_000;

    public static string Unified(string before, string after, string beforeName, string afterName)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        if (prefix == a.Length && prefix == b.Length)
        {
            return string.Empty;
        }

        var start = Math.Max(0, prefix - Context);
        var text = new StringBuilder();
        text.Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        var body = new StringBuilder();
        int aCount = 0, bCount = 0;
        for (var i = start; i < prefix; i++)
        {
            body.Append(' ').Append(a[i]).Append('\n');
            aCount++;
            bCount++;
        }

        foreach (var (kind, line) in Middle(a[prefix..^suffix], b[prefix..^suffix]))
        {
            body.Append(kind).Append(line).Append('\n');
            aCount += kind == '+' ? 0 : 1;
            bCount += kind == '-' ? 0 : 1;
        }

        for (var i = a.Length - suffix; i < Math.Min(a.Length, a.Length - suffix + Context); i++)
        {
            body.Append(' ').Append(a[i]).Append('\n');
            aCount++;
            bCount++;
        }

        text.Append(CultureInfo.InvariantCulture, $"@@ -{start + 1},{aCount} +{start + 1},{bCount} @@\n").Append(body);
        return text.ToString();
    }

    private static IEnumerable<(char Kind, string Line)> Middle(string[] a, string[] b)
    {
        if ((long)(a.Length + 1) * (b.Length + 1) > MaxMatrix)
        {
            return a.Select(l => ('-', l)).Concat(b.Select(l => ('+', l)));
        }

        // Longest common subsequence, then walk it.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var result = new List<(char, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                result.Add(('-', a[x++]));
            }
            else
            {
                result.Add(('+', b[y++]));
            }
        }

        return result;
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
