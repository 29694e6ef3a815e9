using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Commands;

/// <summary><c>validate</c>: loads a policy file and lists every error by line, without deciding anything.</summary>
internal static class ValidateCommand
{
    public const string Usage = """
        Usage: phonegroups validate --policy FILE

        Checks a policy file the way the controller loads it and lists every error as FILE:LINE:COLUMN: FIELD: MESSAGE.
        Exit code: 0 valid, 2 invalid (errors on stderr).
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        if (!CommandArguments.TryParse(args, ["--policy"], [], out var options, out var error) || options.Value("--policy") is not { } path)
        {
            stderr.WriteLine($"phonegroups validate: {error ?? "--policy FILE is required"}");
            stderr.WriteLine("Run 'phonegroups validate --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        var loaded = PolicyLoader.LoadFile(path);
        if (!loaded.Success)
        {
            foreach (var problem in loaded.Errors)
            {
                stderr.WriteLine(problem);
            }

            stderr.WriteLine($"{path}: {CheckCommand.Count(loaded.Errors.Count, "error")}; the policy is not valid");
            return ExitCodes.InvalidInput;
        }

        var policy = loaded.Policy;
        stdout.WriteLine($"{path} is valid: {CheckCommand.Count(policy.Groups.Count, "group")}, {CheckCommand.Count(policy.Extensions.Count, "extension")}, "
            + $"{CheckCommand.Count(policy.Routes.Count, "route")}, {CheckCommand.Count(policy.EmergencyNumbers.Count, "emergency number")}.");
        return ExitCodes.Success;
    }
}
