namespace PhoneGroups.Prompts.Tests;

/// <summary>What the project ships: the language folders in sounds/ and the rows of eng/prompts/texts.tsv.</summary>
public static class ShippedPrompts
{
    public static readonly string[] Names = ["phonegroups-forbidden", "phonegroups-unavailable", "phonegroups-enter-pin", "phonegroups-pin-wrong"];

    public static readonly string[] Formats = [".wav", ".ulaw", ".alaw", ".gsm", ".g722"];

    public static string Root { get; } = FindRoot();

    public static string SoundsDirectory => Path.Combine(Root, "sounds");

    public static IReadOnlyList<string> LanguageFolders =>
        Directory.GetDirectories(SoundsDirectory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>The prompt names the source table's header lists (the columns after folder and voice).</summary>
    public static IReadOnlyList<string> TablePrompts =>
        File.ReadLines(Path.Combine(Root, "eng", "prompts", "texts.tsv")).First(line => line.StartsWith("folder\t", StringComparison.Ordinal)).Split('\t')[2..];

    /// <summary>The language folders the source table lists.</summary>
    public static IReadOnlyList<string> TableLanguages =>
        File.ReadLines(Path.Combine(Root, "eng", "prompts", "texts.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("folder\t", StringComparison.Ordinal))
            .Select(line => line.Split('\t')[0])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every (language, prompt, format) the project ships, as xUnit rows.</summary>
    public static TheoryData<string, string, string> Files()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var language in LanguageFolders)
        {
            foreach (var name in Names)
            {
                foreach (var format in Formats)
                {
                    data.Add(language, name, format);
                }
            }
        }

        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PhoneGroups.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PhoneGroups.sln not found above " + AppContext.BaseDirectory);
    }
}
