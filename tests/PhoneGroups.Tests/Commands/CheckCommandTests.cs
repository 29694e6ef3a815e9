using System.Text.Json;

namespace PhoneGroups.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private readonly TempPolicyFile _policy = new();

    public void Dispose() => _policy.Dispose();

    private CommandRun Check(params string[] args) => CommandRun.Of(["check", "--policy", _policy.Path, .. args]);

    [Fact]
    public void Run_Json_PrintsExactlyTheDocumentedObject()
    {
        var run = Check("--from", "2001", "--to", "5551234", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        Assert.Equal(
            """{"decision":"allow","action":"route","reason":"route-granted","permission":null,"level":null,"callerGroup":"Sales","endpoint":null,"route":"Local","dial":"PJSIP/5551234@trunk-a","context":null,"callerId":"5550100","failover":["Backup"],"language":"fr"}""" + Environment.NewLine,
            run.Stdout);
    }

    [Fact]
    public void Run_JsonDenied_PrintsDenyAndExits1()
    {
        var run = Check("--from", "1001", "--to", "2001", "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(["decision", "action", "reason", "permission", "level", "callerGroup", "endpoint", "route", "dial", "context", "callerId", "failover", "language"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("deny", root.GetProperty("decision").GetString());
        Assert.Equal("deny", root.GetProperty("action").GetString());
        Assert.Equal("isolation", root.GetProperty("reason").GetString());
        Assert.Equal("Finance", root.GetProperty("callerGroup").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("endpoint").ValueKind);
        Assert.Equal(0, root.GetProperty("failover").GetArrayLength());
        Assert.Equal("en", root.GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("1001", "1002", 0, "bridge", "same-group", "PJSIP/1002", null, null)]
    [InlineData("1000", "1001", 0, "bridge", "not-isolated", "PJSIP/1001", null, null)]
    [InlineData("2001", "011441234567", 1, "deny", "route-not-granted", null, null, null)]
    [InlineData("1000", "011441234567", 0, "route", "route-open", null, null, "outbound-intl")]
    [InlineData("1001", "911", 0, "route", "emergency", null, "PJSIP/911@trunk-a", null)]
    [InlineData(null, "1000", 0, "bridge", "unknown-caller-internal", "PJSIP/1000", null, null)]
    [InlineData(null, "5551234", 1, "deny", "unknown-caller", null, null, null)]
    [InlineData("1000", "12", 1, "deny", "no-route", null, null, null)]
    public void Run_Json_MatchesDecisionAndExitCode(string? from, string to, int exitCode, string action, string reason, string? endpoint, string? dial, string? context)
    {
        var run = from is null ? Check("--to", to, "--json") : Check("--from", from, "--to", to, "--json");

        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal(exitCode == 0 ? "allow" : "deny", root.GetProperty("decision").GetString());
        Assert.Equal(action, root.GetProperty("action").GetString());
        Assert.Equal(reason, root.GetProperty("reason").GetString());
        Assert.Equal(endpoint, root.GetProperty("endpoint").GetString());
        Assert.Equal(dial, root.GetProperty("dial").GetString());
        Assert.Equal(context, root.GetProperty("context").GetString());
    }

    [Fact]
    public void Run_InjectedDialString_IsDeniedAsInvalidNumberNamingTheCharacter()
    {
        var run = Check("--from", "1000", "--to", "011&PJSIP/19005551234@trunk-b&x");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "1000 (Reception) may not call 011&PJSIP/19005551234@trunk-b&x: it holds '&' at position 4, and a dialed number may hold only "
                + "digits, letters, '*', '#' and '+' (dashes are ignored); no rule was checked." + Environment.NewLine,
            run.Stdout);
    }

    [Fact]
    public void Run_EmergencyFromTrunk_IsDenied()
    {
        var run = Check("--to", "911", "--from-trunk", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"reason\":\"emergency-from-trunk\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_JsonInjectedDialString_HasNoDialString()
    {
        var run = Check("--from", "1000", "--to", "011&PJSIP/19005551234@trunk-b&x", "--json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("invalid-number", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("dial").ValueKind);
    }

    [Fact]
    public void Run_JsonWithPlusNumber_KeepsThePlusReadable()
    {
        var run = Check("--from", "+4930123", "--to", "1000", "--json");

        Assert.Contains("\"reason\":\"unknown-caller-internal\"", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Human_ExplainsDenialNamingGroupAndPatterns()
    {
        var run = Check("--from", "1001", "--to", "2001");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "1001 (Finance, isolated) may not call 2001 (Sales): 2001 is outside Finance and matches none of Finance's allowed patterns _7XXX, _8[0-5]XXXXXXX, *80, 911."
                + Environment.NewLine,
            run.Stdout);
    }

    [Fact]
    public void Run_Human_ExplainsRouteCallerIdAndFailover()
    {
        var run = Check("--from", "2001", "--to", "555-1234");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "2001 (Sales) may call 555-1234: it matches route Local (pattern _NXXXXXX), which Sales may use. "
                + "It dials PJSIP/5551234@trunk-a with caller ID 5550100; if that fails: Backup." + Environment.NewLine,
            run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--to", "1000" }, "--policy FILE is required")]
    [InlineData(new[] { "--policy", "p.yaml" }, "--to NUMBER is required")]
    [InlineData(new[] { "--policy", "p.yaml", "--to" }, "--to needs a value")]
    [InlineData(new[] { "--policy", "p.yaml", "--from", "--to", "1000" }, "--from needs a value")]
    [InlineData(new[] { "--policy", "p.yaml", "--to=" }, "--to needs a value")]
    [InlineData(new[] { "--policy", "p.yaml", "--to", "1", "--to", "2" }, "--to is given twice")]
    [InlineData(new[] { "--policy", "p.yaml", "--to", "1", "--verbose" }, "unknown option '--verbose'")]
    [InlineData(new[] { "--policy", "p.yaml", "--to", "1", "extra" }, "unexpected argument 'extra'")]
    public void Run_BadArguments_NamesTheProblemAndExits2(string[] args, string message)
    {
        var run = CommandRun.Of(["check", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.StartsWith($"phonegroups check: {message}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EqualsSyntax_IsAccepted()
    {
        var run = CommandRun.Of("check", $"--policy={_policy.Path}", "--from=1001", "--to=1002");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Run_InvalidPolicy_ListsErrorsByLineAndExits2()
    {
        using var broken = new TempPolicyFile("version: 1\ngroups:\n  - name: Finance\n    isolate: true\n");

        var run = CommandRun.Of("check", "--policy", broken.Path, "--from", "1001", "--to", "2001");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains($"{broken.Path}:4:5: groups[0].isolate: unknown key 'isolate'; did you mean 'isolated'?", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("the policy has 1 error; nothing was decided", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingPolicyFile_SaysSoAndExits2()
    {
        var run = CommandRun.Of("check", "--policy", "/nonexistent/policy.yaml", "--to", "1000");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("/nonexistent/policy.yaml: the file does not exist", run.Stderr, StringComparison.Ordinal);
    }
}
