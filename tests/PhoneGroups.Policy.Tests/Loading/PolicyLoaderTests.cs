using PhoneGroups.Policy.Configuration;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Policy.Tests.Loading;

public class PolicyLoaderTests
{
    [Fact]
    public void LoadText_FullExample_BuildsGroupsExtensionsAndRoutes()
    {
        var sut = TestPolicies.Load(TestPolicies.DecisionTable);

        Assert.Equal(["Reception", "Finance", "Sales", "Management", "Support", "Lab", "Closed"], sut.Groups.Select(g => g.Name));
        Assert.Equal(["Emergency", "Local", "Regional", "TollFree", "International", "Backup"], sut.Routes.Select(r => r.Name));
        Assert.Equal(9, sut.Extensions.Count);
        Assert.Equal("Reception", sut.DefaultGroup?.Name);
        Assert.Equal(UnknownCallerMode.InternalOnly, sut.UnknownCallers);
        Assert.Equal(["112", "911"], sut.EmergencyNumbers.Select(p => p.Text));
        Assert.Equal("test.yaml", sut.SourceName);
    }

    [Fact]
    public void LoadText_MemberObject_KeepsEndpointAndLanguage()
    {
        var sut = TestPolicies.Load(TestPolicies.DecisionTable);

        Assert.True(sut.TryGetExtension("1002", out var extension));
        Assert.Equal("PJSIP/1002-desk", extension.Endpoint);
        Assert.Equal("en", extension.Language);
        Assert.Equal("Finance", extension.Group?.Name);
        Assert.False(extension.IsDefaultMember);
    }

    [Fact]
    public void LoadText_UnlistedExtension_JoinsDefaultGroup()
    {
        var sut = TestPolicies.Load(TestPolicies.DecisionTable);

        Assert.True(sut.TryGetExtension("1000", out var extension));
        Assert.Equal("PJSIP/1000", extension.Endpoint);
        Assert.Same(sut.DefaultGroup, extension.Group);
        Assert.True(extension.IsDefaultMember);
        Assert.Contains(extension, sut.DefaultGroup!.Members);
    }

    [Fact]
    public void LoadText_GroupFlagsAndGrants_AreExposed()
    {
        var sut = TestPolicies.Load(TestPolicies.DecisionTable);

        Assert.True(sut.TryGetGroup("finance", out var finance));
        Assert.True(finance.IsIsolated);
        Assert.True(finance.IsPickupIsolated);
        Assert.True(finance.ListsRoutes);
        Assert.Equal(["Local (caller ID 5550100)", "Regional"], finance.RouteGrants.Select(g => g.ToString()));
        Assert.Equal(["_7XXX", "_8[0-5]XXXXXXX", "*80", "911"], finance.AllowPatterns.Select(p => p.Text));
        Assert.True(sut.TryGetGroup("Closed", out var closed));
        Assert.True(closed.ListsRoutes);
        Assert.Empty(closed.RouteGrants);
        Assert.True(sut.TryGetGroup("Management", out var management));
        Assert.False(management.ListsRoutes);
    }

    [Fact]
    public void LoadText_Settings_ApplyDefaultsWhenAbsent()
    {
        var sut = TestPolicies.Load("version: 1");

        Assert.Equal("en", sut.DefaultLanguage);
        Assert.Equal(UnknownCallerMode.InternalOnly, sut.UnknownCallers);
        Assert.Equal(["112", "911"], sut.EmergencyNumbers.Select(p => p.Text));
        Assert.Empty(sut.Groups);
    }

    [Fact]
    public void LoadText_NumbersWrittenUnquoted_AreReadAsText()
    {
        var sut = TestPolicies.Load("""
            version: 1
            extensions: [1000, 0100]
            groups:
              - name: Sales
                routes: [{ name: Local, callerId: 5550100 }]
            routes:
              - { name: Local, patterns: [5550100], dial: "PJSIP/{number}@trunk-a", strip: 0 }
            """);

        Assert.True(sut.TryGetExtension("0100", out _));
        Assert.Equal("5550100", sut.Groups[0].RouteGrants[0].CallerId);
    }

    [Fact]
    public void LoadFile_ExistingFile_NamesPolicyAfterPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"phonegroups-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "version: 1\nextensions: [\"1000\"]\n");
        try
        {
            var result = PolicyLoader.LoadFile(path);

            Assert.True(result.Success);
            Assert.Equal(path, result.Policy.SourceName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadText_AnchorsAndAliases_ShareValues()
    {
        var sut = TestPolicies.Load("""
            version: 1
            groups:
              - name: Finance
                isolated: true
                allow: &office ["_7XXX", "*80"]
              - name: Legal
                isolated: true
                allow: *office
            """);

        Assert.Equal(["_7XXX", "*80"], sut.Groups[1].AllowPatterns.Select(p => p.Text));
    }
}
