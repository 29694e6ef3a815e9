namespace PhoneGroups.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public void Run_ValidPolicy_SummarisesAndExits0()
    {
        using var policy = new TempPolicyFile();

        var run = CommandRun.Of("validate", "--policy", policy.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"{policy.Path} is valid: 3 groups, 4 extensions, 4 routes, 2 emergency numbers." + Environment.NewLine, run.Stdout);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Run_InvalidPolicy_ListsEveryErrorByLineAndExits2()
    {
        using var policy = new TempPolicyFile("""
            version: 1
            groups:
              - name: A
                default: true
                members: ["1001"]
              - name: B
                default: true
                members: ["1001"]
                routes: [Nowhere]
            """);

        var run = CommandRun.Of("validate", "--policy", policy.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        var lines = run.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Collection(lines,
            l => Assert.StartsWith($"{policy.Path}:7:14: groups[1].default: only one group may be the default", l, StringComparison.Ordinal),
            l => Assert.StartsWith($"{policy.Path}:8:15: groups[1].members[0]: extension 1001 is already listed at line 5", l, StringComparison.Ordinal),
            l => Assert.StartsWith($"{policy.Path}:9:14: groups[1].routes[0]: unknown route 'Nowhere'", l, StringComparison.Ordinal),
            l => Assert.Equal($"{policy.Path}: 3 errors; the policy is not valid", l));
    }

    [Fact]
    public void Run_NoPolicyOption_Exits2()
    {
        var run = CommandRun.Of("validate");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("phonegroups validate: --policy FILE is required", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadVersion_NamesLineOne()
    {
        using var policy = new TempPolicyFile("version: 2\n");

        var run = CommandRun.Of("validate", "--policy", policy.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"{policy.Path}:1:10: version: unsupported version '2'; this program reads version 1", run.Stderr, StringComparison.Ordinal);
    }
}
