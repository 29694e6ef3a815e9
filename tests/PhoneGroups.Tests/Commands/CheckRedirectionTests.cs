using System.Text.Json;

namespace PhoneGroups.Tests.Commands;

/// <summary><c>check --as transfer|forward</c>: the controller's decision for an extension sending a call elsewhere.</summary>
public sealed class CheckRedirectionTests : IDisposable
{
    private const string Policy = """
        version: 1
        settings: { unknownCallers: allow, emergencyNumbers: ["911"] }
        groups:
          - name: Sales
            members: ["2001"]
            routes: [{ name: Local, callerId: "5550100" }]
          - name: Lobby
            isolated: true
            allow: ["_2XXX"]
            members: ["3001"]
        permissions:
          - { name: Premium, numbers: ["_5559XXX"], groups: [Sales], password: "1234" }
        routes:
          - { name: Emergency, patterns: ["911"], dial: "PJSIP/{number}@trunk-a" }
          - { name: Local, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
        """;

    private readonly TempPolicyFile _policy = new(Policy);

    public void Dispose() => _policy.Dispose();

    private CommandRun Check(params string[] args) => CommandRun.Of(["check", "--policy", _policy.Path, .. args]);

    [Fact]
    public void Transfer_ByAnExtensionWithTheRoute_IsAllowed_WithItsCallerId()
    {
        var run = Check("--from", "2001", "--to", "5551234", "--as", "transfer", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("allow", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("5550100", json.RootElement.GetProperty("callerId").GetString());
    }

    [Fact]
    public void Forward_ByAnIsolatedExtension_IsDenied_AndTheSentenceSaysItIsAForward()
    {
        var run = Check("--from", "3001", "--to", "5551234", "--as", "forward");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("As a forward by 3001: ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_ByAnUnknownParty_ToARoute_IsDenied_ThoughUnknownCallersMayCallOut()
    {
        Assert.Equal(0, Check("--to", "5551234").ExitCode); // as a call of its own: allowed

        var run = Check("--to", "5551234", "--as", "transfer", "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("deny", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("unknown-to-trunk", json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void Transfer_ThatNeedsAPassword_IsDenied_NotChallenged()
    {
        Assert.Equal(3, Check("--from", "2001", "--to", "5559123").ExitCode);

        var run = Check("--from", "2001", "--to", "5559123", "--as", "transfer");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nobody is asked for the password during a transfer, so it is denied", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Transfer_OfATrunkCallerToAnEmergencyNumber_IsDenied()
    {
        var run = Check("--from", "2001", "--to", "911", "--as", "transfer", "--from-trunk", "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("emergency-from-trunk", json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void As_SomethingElse_IsInvalidInput()
    {
        var run = Check("--from", "2001", "--to", "5551234", "--as", "pickup");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--as must be call, transfer or forward", run.Stderr, StringComparison.Ordinal);
    }
}
