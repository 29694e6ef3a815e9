using System.Text.Json;

namespace PhoneGroups.Tests.Commands;

/// <summary><c>check</c> on a policy with call permissions: the permission and level, challenges, exit code 3, incoming calls.</summary>
public sealed class CheckPermissionTests : IDisposable
{
    private const string Policy = """
        version: 1
        extensions: ["1000"]
        groups:
          - name: Reception
            default: true
          - name: Sales
            members: ["2001", "2002", { number: "2003", pin: "7777" }]
            routes:
              - { name: International, callerId: "5550100" }
              - Backup
        routes:
          - { name: International, patterns: ["_011."], context: outbound-intl }
          - { name: Backup, patterns: ["_011."], dial: "PJSIP/{number}@trunk-b" }
        permissions:
          - name: Sales international
            numbers: ["_011."]
            groups: [Sales]
            password: "4321"
            accountCode: intl-sales
          - { name: Director abroad, mode: allow, numbers: ["_011."], users: ["2002"] }
          - { name: UK code, numbers: ["_01144."], users: ["2003"], password: "1111" }
          - { name: Spam callers, numbers: ["_0900.", "5550666"], incoming: ["2001", "1000"] }
        """;

    private readonly TempPolicyFile _policy = new(Policy);

    public void Dispose() => _policy.Dispose();

    private CommandRun Check(params string[] args) => CommandRun.Of(["check", "--policy", _policy.Path, .. args]);

    [Fact]
    public void Run_Challenge_Exits3_AndNamesThePermission()
    {
        var run = Check("--from", "2001", "--to", "011441234567");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            "2001 (Sales) may call 011441234567 only with the password of permission 'Sales international' (group Sales, pattern _011.). "
                + "With it, it is handed to dialplan context outbound-intl with caller ID 5550100; if that fails: Backup." + Environment.NewLine,
            run.Stdout);
    }

    [Fact]
    public void Run_ChallengeJson_SaysWhatHappensAfterTheRightPassword()
    {
        var run = Check("--from", "2001", "--to", "011441234567", "--json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(
            """{"decision":"challenge","action":"route","reason":"permission-password","permission":"Sales international","level":"group","callerGroup":"Sales","endpoint":null,"route":"International","dial":null,"context":"outbound-intl","callerId":"5550100","failover":["Backup"],"language":"en"}"""
                + Environment.NewLine,
            run.Stdout);
        Assert.DoesNotContain("4321", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UserAllow_BeatsTheGroupDeny()
    {
        var run = Check("--from", "2002", "--to", "011441234567", "--json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("allow", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("permission-allowed", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal("Director abroad", json.RootElement.GetProperty("permission").GetString());
        Assert.Equal("user", json.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void Run_Pin_IsNamedInTheSentence_NeverItsDigits()
    {
        var run = Check("--from", "2003", "--to", "011441234567");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("2003 (Sales) may call 011441234567 only with the PIN of 2003, which replaces the password of permission 'UK code' (user 2003, pattern _01144.).",
            run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("7777", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("1111", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_IncomingDenied_WithCallerNumber_Exits1()
    {
        var run = Check("--to", "2001", "--caller-number", "09001234567");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "09001234567 (from outside) may not call 2001 (Sales): permission 'Spam callers' (calls from outside to 2001, caller number pattern _0900.) denies it."
                + Environment.NewLine,
            run.Stdout);
    }

    [Fact]
    public void Run_IncomingJson_HasLevelIncoming()
    {
        var run = Check("--to", "1000", "--caller-number", "5550666", "--json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("deny", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("deny", json.RootElement.GetProperty("action").GetString());
        Assert.Equal("permission-denied", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal("Spam callers", json.RootElement.GetProperty("permission").GetString());
        Assert.Equal("incoming", json.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void Run_OtherCallerNumber_IsNotMatched()
    {
        var run = Check("--to", "2001", "--caller-number", "5551234", "--json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("unknown-caller-internal", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("permission").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("level").ValueKind);
    }

    [Fact]
    public void Run_FromTrunkWithCallerNumber_IncomingPermissionDecides_EvenForAnIdentifiedExtension()
    {
        var run = Check("--from", "2002", "--to", "1000", "--from-trunk", "--caller-number", "5550666", "--json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("permission-denied", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal("Spam callers", json.RootElement.GetProperty("permission").GetString());
        Assert.Equal("incoming", json.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void Run_FromTrunkChallenge_Exits3()
    {
        var run = Check("--from", "2001", "--to", "011441234567", "--from-trunk", "--caller-number", "5551234");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("only with the password of permission 'Sales international'", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidNumberWithCallerNumber_IsDeniedBeforeAnyPermission()
    {
        var run = Check("--from", "2002", "--to", "011&44", "--caller-number", "5550666", "--json");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("invalid-number", json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("permission").ValueKind);
    }

    [Fact]
    public void Run_CallerNumberWithoutValue_Exits2()
    {
        var run = Check("--to", "2001", "--caller-number");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("phonegroups check: --caller-number needs a value", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InvalidPermission_ListsTheErrorAndExits2()
    {
        using var broken = new TempPolicyFile(Policy + "\n  - { name: Broken, numbers: [\"_011.\"], groups: [Sails], password: \"12#\" }\n");

        var run = CommandRun.Of("check", "--policy", broken.Path, "--from", "2001", "--to", "011441234567");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{broken.Path}:23:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("permissions[4].groups[0]: unknown group 'Sails'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("permissions[4].password: a password is 2 to 16", run.Stderr, StringComparison.Ordinal);
    }
}
