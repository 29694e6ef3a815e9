using PhoneGroups.Commands;
using PhoneGroups.Tests.Commands;

namespace PhoneGroups.Tests.Security;

/// <summary>The controller refuses the demo ARI password and weak configurations before it connects to anything.</summary>
public sealed class SecretsTests : IDisposable
{
    private readonly TempPolicyFile _policy = new();

    private string StorePath => Path.ChangeExtension(_policy.Path, ".db"); // not the default: the test's working directory

    public void Dispose()
    {
        _policy.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(StorePath)!, Path.GetFileName(StorePath) + "*"))
        {
            File.Delete(file);
        }
    }

    private CommandRun Run(params string[] settings) =>
        CommandRun.Of(["run", "--Policy:Path", _policy.Path, "--Store:Path", StorePath, "--Ari:User", "phonegroups", "--Health:Url", "", .. settings]);

    [Fact]
    public void Run_DemoPassword_IsRefusedNamingTheKey()
    {
        var run = Run("--Ari:Password", "phonegroups");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid configuration: Ari:Password is the demo password", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PasswordOnTheCommandLine_IsWarnedAbout()
    {
        var run = Run("--Ari:Password", "phonegroups");

        Assert.Contains("warning: the ARI password is on the command line", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Ari:Password")]
    [InlineData("--ari:password=x")]
    [InlineData("--Ari__Password")]
    [InlineData("/Ari:Password")]
    public void PasswordOnCommandLine_SeesEveryForm(string argument) =>
        Assert.True(RunCommand.PasswordOnCommandLine(["run", argument, "x"]));

    [Fact]
    public void PasswordOnCommandLine_OtherKeys_AreFine() =>
        Assert.False(RunCommand.PasswordOnCommandLine(["run", "--Ari:User", "phonegroups", "--Policy:Path", "p.yaml"]));

    [Fact]
    public void Run_TrustCallerIdNumber_IsRefusedPointingToTrustCallerIdFrom()
    {
        var run = Run("--Ari:Password", "not-the-demo", "--Calls:TrustCallerIdNumber", "true");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Calls:TrustCallerIdFrom", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TrustCallerIdFrom_NotAnEndpoint_IsRefused()
    {
        var run = Run("--Ari:Password", "not-the-demo", "--Calls:TrustCallerIdFrom:0", "trunk-b");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Calls:TrustCallerIdFrom holds 'trunk-b'", run.Stderr, StringComparison.Ordinal);
    }
}
