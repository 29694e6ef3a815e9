using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Policy.Tests.Loading;

/// <summary>Invalid files are rejected whole, with errors that name the file, line and field.</summary>
public class PolicyValidationTests
{
    private static PolicyError SingleError(string yaml) => Assert.Single(TestPolicies.Errors(yaml));

    private static void AssertError(PolicyError error, int line, string field, string messageFragment)
    {
        Assert.Equal("bad.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(messageFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_NumberListedTwice_NamesBothLines()
    {
        var error = SingleError("""
            version: 1
            extensions: ["1001"]
            groups:
              - name: Finance
                members:
                  - "1002"
                  - { number: "1001" }
            """);

        AssertError(error, 7, "groups[0].members[1].number", "already listed at line 2 (extensions[0])");
    }

    [Fact]
    public void LoadText_NumberInTwoGroups_IsRejected()
    {
        var error = SingleError("""
            version: 1
            groups:
              - { name: A, members: ["1001"] }
              - { name: B, members: ["1001"] }
            """);

        AssertError(error, 4, "groups[1].members[0]", "already listed at line 3");
    }

    [Fact]
    public void LoadText_UnknownRoute_SuggestsTheClosest()
    {
        var error = SingleError("""
            version: 1
            groups:
              - name: Sales
                routes:
                  - name: Locl
                    callerId: "5550100"
            routes:
              - { name: Local, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
            """);

        AssertError(error, 5, "groups[0].routes[0].name", "unknown route 'Locl'; did you mean 'Local'?");
    }

    [Fact]
    public void LoadText_RouteListedTwiceForGroup_IsRejected()
    {
        var error = SingleError("""
            version: 1
            groups:
              - { name: Sales, routes: [Local, local] }
            routes:
              - { name: Local, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
            """);

        AssertError(error, 3, "groups[0].routes[1]", "listed twice");
    }

    [Fact]
    public void LoadText_TwoDefaultGroups_NamesTheFirst()
    {
        var error = SingleError("""
            version: 1
            groups:
              - name: Reception
                default: true
              - name: Lobby
                default: true
            """);

        AssertError(error, 6, "groups[1].default", "'Reception' already is (line 4)");
    }

    [Fact]
    public void LoadText_DuplicateGroupName_IgnoresCase()
    {
        var error = SingleError("""
            version: 1
            groups:
              - name: Sales
              - name: SALES
            """);

        AssertError(error, 4, "groups[1].name", "already used at line 3");
    }

    [Theory]
    [InlineData("_7[0-5", "never closed")]
    [InlineData("_1.2", "must end the pattern")]
    [InlineData("_[]X", "empty set")]
    public void LoadText_InvalidPattern_SaysWhy(string pattern, string why)
    {
        var error = SingleError($"""
            version: 1
            groups:
              - name: Finance
                isolated: true
                allow:
                  - "_7XXX"
                  - "{pattern}"
            """);

        AssertError(error, 7, "groups[0].allow[1]", $"invalid pattern '{pattern}': ");
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_InvalidRoutePattern_IsRejected()
    {
        var error = SingleError("""
            version: 1
            routes:
              - name: Local
                patterns: ["_NXXXXXX", "_9[5-1]"]
                dial: "PJSIP/{number}@trunk-a"
            """);

        AssertError(error, 4, "routes[0].patterns[1]", "runs backwards");
    }

    [Fact]
    public void LoadText_UnknownKey_SuggestsTheClosest()
    {
        var error = SingleError("""
            version: 1
            groups:
              - name: Finance
                isolate: true
            """);

        AssertError(error, 4, "groups[0].isolate", "unknown key 'isolate'; did you mean 'isolated'?");
    }

    [Fact]
    public void LoadText_UnknownTopLevelKey_ListsTheKnownKeys()
    {
        var error = SingleError("""
            version: 1
            phones: []
            """);

        AssertError(error, 2, "phones", "expected one of: version, settings, extensions, groups, routes");
    }

    [Theory]
    [InlineData("version: 2", 1, "unsupported version '2'")]
    [InlineData("version: one", 1, "unsupported version 'one'")]
    [InlineData("version: 1.0", 1, "unsupported version '1.0'")]
    [InlineData("groups: []", 1, "the version is missing")]
    public void LoadText_BadVersion_IsRejected(string yaml, int line, string message)
    {
        var error = SingleError(yaml);

        AssertError(error, line, "version", message);
    }

    [Theory]
    [InlineData("isolated: yes", "groups[0].isolated", "expected true or false, found 'yes'")]
    [InlineData("members: \"1001\"", "groups[0].members", "expected a list, found '1001'")]
    [InlineData("allow: { a: b }", "groups[0].allow", "expected a list, found a mapping")]
    [InlineData("name: [A, B]", "groups[0].name", "expected a text value, found a list")]
    [InlineData("routes:", "groups[0].routes", "write [] for no outbound routes")]
    [InlineData("language: English", "groups[0].language", "not a language code")]
    public void LoadText_WrongTypeInGroup_NamesTheField(string line, string field, string message)
    {
        var error = SingleError($"""
            version: 1
            groups:
              - name: G
                {line}
            """.Replace("- name: G\n    name: [A, B]", "- name: [A, B]", StringComparison.Ordinal));

        AssertError(error, field == "groups[0].name" ? 3 : 4, field, message);
    }

    [Fact]
    public void LoadText_GroupsNotAList_IsRejected()
    {
        var error = SingleError("""
            version: 1
            groups:
              name: Finance
            """);

        AssertError(error, 3, "groups", "expected a list, found a mapping");
    }

    [Theory]
    [InlineData("strip: two", "routes[0].strip", "expected a whole number")]
    [InlineData("strip: -1", "routes[0].strip", "expected a whole number")]
    [InlineData("context: outbound", "routes[0].context", "either 'dial' or 'context', not both")]
    [InlineData("prefix: \"9 \"", "routes[0].prefix", "not a dialable prefix")]
    public void LoadText_BadRouteValue_NamesTheField(string line, string field, string message)
    {
        var error = SingleError($"""
            version: 1
            routes:
              - name: Local
                patterns: ["_NXXXXXX"]
                dial: "PJSIP/{"{"}number{"}"}@trunk-a"
                {line}
            """);

        AssertError(error, 6, field, message);
    }

    [Theory]
    [InlineData("PJSIP/{num}@trunk-a", "unknown placeholder '{num}'")]
    [InlineData("PJSIP/{number@trunk-a", "unbalanced")]
    [InlineData("{number}", "not a dial string")]
    [InlineData("PJSIP/{number} @trunk-a", "not a dial string")]
    public void LoadText_BadDialString_SaysWhy(string dial, string message)
    {
        var error = SingleError($"""
            version: 1
            routes:
              - name: Local
                patterns: ["_NXXXXXX"]
                dial: "{dial}"
            """);

        AssertError(error, 5, "routes[0].dial", message);
    }

    [Fact]
    public void LoadText_RouteWithoutDialOrContextOrPatterns_ReportsBoth()
    {
        var errors = TestPolicies.Errors("""
            version: 1
            routes:
              - name: Local
            """);

        Assert.Collection(errors,
            e => AssertError(e, 3, "routes[0].patterns", "at least one pattern"),
            e => AssertError(e, 3, "routes[0].dial", "either 'dial'"));
    }

    [Fact]
    public void LoadText_MissingName_IsRequired()
    {
        var error = SingleError("""
            version: 1
            groups:
              - isolated: true
            """);

        AssertError(error, 3, "groups[0].name", "'name' is required");
    }

    [Theory]
    [InlineData("\"10 01\"", "not an extension number")]
    [InlineData("\"_1001\"", "not an extension number")]
    [InlineData("{ number: \"1001\", endpoint: \"PJSIP/1001&PJSIP/1002\" }", "not an endpoint")]
    [InlineData("{ number: \"1001\", language: \"en gb\" }", "not a language code")]
    [InlineData("{ number: \"1001\", phone: x }", "unknown key 'phone'")]
    [InlineData("\"911\"", "matches emergency number 911")]
    [InlineData("[\"1001\"]", "expected an extension number")]
    public void LoadText_BadExtension_SaysWhy(string entry, string message)
    {
        var error = SingleError($"""
            version: 1
            extensions:
              - {entry}
            """);

        Assert.Equal(3, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknownCallers: maybe", "settings.unknownCallers", "expected internal-only, deny or allow")]
    [InlineData("defaultLanguage: \"../etc\"", "settings.defaultLanguage", "not a language code")]
    [InlineData("emergencyNumbers: [\"_11[2\"]", "settings.emergencyNumbers[0]", "invalid pattern")]
    [InlineData("emergencyNumber: [\"112\"]", "settings.emergencyNumber", "did you mean 'emergencyNumbers'?")]
    public void LoadText_BadSetting_NamesTheField(string line, string field, string message)
    {
        var error = SingleError($"""
            version: 1
            settings:
              {line}
            """);

        AssertError(error, 3, field, message);
    }

    [Fact]
    public void LoadText_YamlSyntaxError_GivesTheLine()
    {
        var error = SingleError("""
            version: 1
            groups:
              - name: Finance
                allow: ["_7XXX", "911"
              - name: Sales
            """);

        Assert.Equal(5, error.Line);
        Assert.Equal(string.Empty, error.Field);
    }

    [Fact]
    public void LoadText_DuplicateKey_GivesTheLine()
    {
        var error = SingleError("""
            version: 1
            groups:
              - name: Finance
                isolated: true
                isolated: false
            """);

        AssertError(error, 5, "groups[0].isolated", "duplicate key 'isolated'; it is already set at line 4");
    }

    [Fact]
    public void LoadText_UnknownAlias_GivesTheLine()
    {
        var error = SingleError("""
            version: 1
            groups:
              - name: Finance
                allow: *common
            """);

        Assert.Equal(4, error.Line);
        Assert.Contains("*common", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_TwoDocuments_IsRejected()
    {
        var error = SingleError("version: 1\n---\nversion: 1\n");

        Assert.Equal(3, error.Line);
        Assert.Contains("one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void LoadText_EmptyFile_AsksForVersion(string yaml)
    {
        var error = SingleError(yaml);

        Assert.Contains("version: 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_RootIsAList_IsRejected()
    {
        var error = SingleError("- version: 1");

        AssertError(error, 1, string.Empty, "expected a mapping");
    }

    [Fact]
    public void LoadText_SeveralProblems_ReportsAllInFileOrder()
    {
        var errors = TestPolicies.Errors("""
            version: 1
            groups:
              - name: A
                default: true
                members: ["1001"]
                routes: [Nowhere]
              - name: B
                default: true
                members: ["1001"]
                allow: ["_["]
            """);

        Assert.Equal([6, 8, 9, 10], errors.Select(e => e.Line));
    }

    [Fact]
    public void LoadFile_MissingFile_SaysSo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"phonegroups-missing-{Guid.NewGuid():N}.yaml");

        var result = PolicyLoader.LoadFile(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(0, error.Line);
        Assert.Equal($"{path}: the file does not exist", error.ToString());
    }

    [Fact]
    public void PolicyError_ToString_UsesCompilerFormat()
    {
        var error = new PolicyError("policy.yaml", 12, 7, "groups[1].allow[0]", "invalid pattern '_['");

        Assert.Equal("policy.yaml:12:7: groups[1].allow[0]: invalid pattern '_['", error.ToString());
    }
}
