using System.Text.RegularExpressions;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Integration;

/// <summary>
/// The code blocks of docs/integration.md that name a file (<c>```ini pjsip.conf</c>), in page order: what an
/// admin copies into their PBX, read from the Markdown so the test follows the page.
/// </summary>
internal static partial class GuideBlocks
{
    public static string GuidePath => Path.Combine(RepositoryRoot.Path, "docs", "integration.md");

    /// <summary>File name → the blocks for it, joined in page order.</summary>
    public static IReadOnlyDictionary<string, string> Read()
    {
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match block in FencedBlock().Matches(File.ReadAllText(GuidePath).ReplaceLineEndings("\n")))
        {
            var file = block.Groups["file"].Value;
            blocks[file] = blocks.TryGetValue(file, out var before) ? before + "\n" + block.Groups["body"].Value : block.Groups["body"].Value;
        }

        return blocks;
    }

    [GeneratedRegex(@"^```(?:ini|yaml) (?<file>[\w.-]+)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
