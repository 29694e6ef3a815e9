using System.Text.Json.Nodes;
using PhoneGroups.Documents;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Tests.Documents;

/// <summary>The policy as a document: what goes in comes out, including sections this code does not know.</summary>
public sealed class PolicyTreeTests
{
    [Fact]
    public void RoundTrip_KeepsUnknownSections_AndTextThatLooksLikeNumbers()
    {
        var tree = PolicyTree.FromYaml("""
            version: 1
            permissions:
              - name: night
                mode: deny
                pin: "0042"
                tries: 3
            groups:
              - name: Finance
                allow: ["*80", "0100", "_7XXX"]
                members: [1001, "1002"]
            """);

        var again = PolicyTree.FromYaml(PolicyTree.ToYaml(tree));

        Assert.True(JsonNode.DeepEquals(tree, again));
        Assert.Equal("0042", again["permissions"]![0]!["pin"]!.GetValue<string>());
        Assert.Equal(3, again["permissions"]![0]!["tries"]!.GetValue<long>());
        Assert.Equal("*80", again["groups"]![0]!["allow"]![0]!.GetValue<string>());
        Assert.Equal("0100", again["groups"]![0]!["allow"]![1]!.GetValue<string>());
    }

    [Fact]
    public void WrittenYaml_LoadsAsThePolicy()
    {
        var yaml = PolicyTree.ToYaml(PolicyTree.FromJson("""{"version":1,"groups":[{"name":"Sales","isolated":true,"allow":["*80"],"members":["2001"],"routes":[]}]}"""));

        var loaded = PolicyLoader.LoadText(yaml);

        Assert.True(loaded.Success, string.Join("\n", loaded.Errors));
        Assert.True(loaded.Policy.TryGetGroup("Sales", out var sales) && sales.IsIsolated && sales.ListsRoutes);
        Assert.DoesNotContain("...", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void AliasBomb_IsRefused_InsteadOfExpanded()
    {
        var yaml = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            yaml.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        var error = Assert.Throws<PolicyTreeException>(() => PolicyTree.FromYaml(yaml.ToString()));

        Assert.Contains("aliases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsRefused_BeforeItExhaustsTheStack()
    {
        var yaml = "version: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var error = Assert.Throws<PolicyTreeException>(() => PolicyTree.FromYaml(yaml));

        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: [1\n")]
    [InlineData("- just\n- a list\n")]
    public void NotAPolicyDocument_IsRefused_WithALine(string yaml)
    {
        var error = Assert.Throws<PolicyTreeException>(() => PolicyTree.FromYaml(yaml));

        Assert.True(error.Line >= 1);
    }
}
