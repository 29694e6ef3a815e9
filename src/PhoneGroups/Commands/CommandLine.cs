namespace PhoneGroups.Commands;

/// <summary>
/// Dispatches on the first argument to a command; each command gets the rest of the arguments and returns
/// the exit code. A new command is one more case in <see cref="Run"/> and one more entry in <see cref="Usage"/>.
/// </summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: phonegroups <command> [options]

        Commands:
          run        Run the call controller (the Stasis application) until Ctrl-C or SIGTERM
                     phonegroups run --Policy:Path FILE [--Key:Sub value ...]
          check      Decide one call against a policy and explain why
                     phonegroups check --policy FILE [--from EXTENSION] --to NUMBER [--json]
          validate   Check a policy file and list every error by line
                     phonegroups validate --policy FILE
          token      Make, list and revoke API tokens (stored hashed in the policy store)
                     phonegroups token create --name NAME --role admin|viewer
          user       Make, list and delete web console accounts (passwords stored hashed in the policy store)
                     phonegroups user create NAME --role admin|viewer
          export     Print the policy in the store as YAML
                     phonegroups export [--revision N] > policy.yaml
          import     Store a policy file as one new revision (validated; --dry-run shows the diff)
                     phonegroups import FILE [--dry-run]
          probe      Ask the health endpoint; exit 0 when ready (for container health checks)
                     phonegroups probe [http://127.0.0.1:8090/health/ready]

        Run 'phonegroups <command> --help' for a command's options.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            stderr.WriteLine(Usage);
            return ExitCodes.InvalidInput;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "run":
                return RunCommand.Run(rest, stdout, stderr);
            case "check":
                return CheckCommand.Run(rest, stdout, stderr);
            case "validate":
                return ValidateCommand.Run(rest, stdout, stderr);
            case "token":
                return TokenCommand.Run(rest, stdout, stderr);
            case "user":
                return UserCommand.Run(rest, stdout, stderr, System.Console.In, !System.Console.IsInputRedirected && stdout == System.Console.Out);
            case "export":
                return ExportCommand.Run(rest, stdout, stderr);
            case "import":
                return ImportCommand.Run(rest, stdout, stderr);
            case "probe":
                return ProbeCommand.Run(rest, stdout, stderr);
            case "--help" or "-h" or "help":
                stdout.WriteLine(Usage);
                return ExitCodes.Success;
            default:
                stderr.WriteLine($"phonegroups: unknown command '{args[0]}'");
                stderr.WriteLine(Usage);
                return ExitCodes.InvalidInput;
        }
    }
}
