namespace PhoneGroups.Tests.Commands;

public class CommandLineTests
{
    [Fact]
    public void Run_NoArguments_PrintsUsageToStderrAndExits2()
    {
        var run = CommandRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("Usage: phonegroups <command>", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Run_Help_PrintsUsageToStdoutAndExits0(string help)
    {
        var run = CommandRun.Of(help);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("check", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("validate", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Run_UnknownCommand_NamesItAndExits2()
    {
        var run = CommandRun.Of("frobnicate", "--policy", "x.yaml");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("phonegroups: unknown command 'frobnicate'", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("validate")]
    public void Run_CommandHelp_PrintsItsOptions(string command)
    {
        var run = CommandRun.Of(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Usage: phonegroups {command} --policy FILE", run.Stdout, StringComparison.Ordinal);
    }
}
