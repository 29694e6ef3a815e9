using PhoneGroups.Commands;

namespace PhoneGroups.Tests.Commands;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal sealed record CommandRun(int ExitCode, string Stdout, string Stderr)
{
    public static CommandRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CommandLine.Run(args, stdout, stderr);
        return new CommandRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
