using System.Text;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Policy.Tests.Loading;

/// <summary>
/// Policy files written to hurt: deep nesting (a stack overflow would kill the process, and a hot reload
/// a running controller), alias bombs (a small file expanding to millions of entries), huge files. Each is
/// an error naming its line, and the policy in force stays.
/// </summary>
public class HostilePolicyTests
{
    [Fact]
    public void LoadText_DeeplyNestedFlowSequences_IsAnErrorNotAStackOverflow()
    {
        var text = "version: 1\nextensions: " + new string('[', 200_000) + new string(']', 200_000) + "\n";

        var errors = PolicyLoader.LoadText(text).Errors;

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Contains($"nested deeper than {YamlLimits.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_DeeplyNestedBlockMappings_IsAnError()
    {
        var text = new StringBuilder("version: 1\nsettings:\n");
        for (var i = 0; i < 500; i++)
        {
            text.Append(new string(' ', 2 * (i + 1))).Append("a:\n");
        }

        var error = Assert.Single(PolicyLoader.LoadText(text.ToString()).Errors);
        Assert.Contains("nested deeper than", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 2);
    }

    [Fact]
    public void LoadText_AliasBomb_IsAnErrorNamingTheAliasLine()
    {
        // Nine levels of ten aliases each: 10^9 entries once expanded, from under 1 KB of text.
        var text = new StringBuilder("version: 1\nsettings:\n  emergencyNumbers: &l0 [\"112\",\"112\",\"112\",\"112\",\"112\",\"112\",\"112\",\"112\",\"112\",\"112\"]\n");
        text.Append("x0: &l1 [*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0]\n");
        for (var i = 2; i <= 9; i++)
        {
            text.Append($"x{i - 1}b: &l{i} [").AppendJoin(',', Enumerable.Repeat($"*l{i - 1}", 10)).Append("]\n");
        }

        var result = PolicyLoader.LoadText(text.ToString());

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Contains("aliases expand to more than", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Line, 4, 12);
    }

    [Fact]
    public void LoadText_ReasonableAliases_StillWork()
    {
        var result = PolicyLoader.LoadText("""
            version: 1
            groups:
              - name: Finance
                isolated: true
                allow: &internal ["_1XXX", "_2XXX"]
                members: ["1001"]
              - name: Sales
                isolated: true
                allow: *internal
                members: ["2001"]
            """);

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(2, result.Policy.Groups[1].AllowPatterns.Count);
    }

    [Fact]
    public void LoadText_TooLarge_IsAnError()
    {
        var text = "version: 1\n#" + new string('x', YamlLimits.MaxFileBytes) + "\n";

        var error = Assert.Single(PolicyLoader.LoadText(text).Errors);
        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_TooLarge_IsAnErrorWithoutReadingItAll()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenWrite(path))
            {
                file.SetLength(YamlLimits.MaxFileBytes + 1L);
            }

            var error = Assert.Single(PolicyLoader.LoadFile(path).Errors);
            Assert.Contains("MB", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reload_HostileFile_KeepsThePreviousPolicy()
    {
        var store = new PolicyStore(TestPolicies.Load(TestPolicies.DecisionTable));
        var before = store.Current;
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "version: 1\nextensions: " + new string('[', 400_000) + "\n");

            var result = store.Reload(path);

            Assert.False(result.Success);
            Assert.Same(before, store.Current);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
