using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhoneGroups.Hosting;
using PhoneGroups.Observability;

namespace PhoneGroups.Commands;

/// <summary>
/// <c>phonegroups run</c>: the controller, until Ctrl-C or SIGTERM. Options are configuration keys, e.g.
/// <c>--Policy:Path policy.yaml --Ari:Url http://127.0.0.1:8088</c>; the password comes from <c>Ari__Password</c>.
/// </summary>
internal static class RunCommand
{
    public const string Usage = """
        Usage: phonegroups run [--Key:Sub value ...]

        Runs the call controller until Ctrl-C or SIGTERM. Settings (appsettings.json, environment, command line):
          --Policy:Path FILE            the policy (watched; valid changes apply to new calls)
          --Ari:Url URL                 Asterisk's HTTP server, default http://127.0.0.1:8088
          --Ari:User NAME               the ARI user; the password comes from the environment: Ari__Password
          --Ari:App NAME                the Stasis application, default phonegroups
          --Calls:RingTimeoutSeconds N  ringing before "no answer", default 30
          --Calls:DenialCause N         Q.850 cause for denied calls, default 21 (rejected)
          --Logging:Level LEVEL         Verbose, Debug, Information, Warning, Error
          --Logging:Format FORMAT       auto, text or json
        """;

    internal static bool PasswordOnCommandLine(IEnumerable<string> args) =>
        args.Any(a => a.TrimStart('-', '/').Replace("__", ":", StringComparison.Ordinal)
            .StartsWith("Ari:Password", StringComparison.OrdinalIgnoreCase));

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, services: null);

    /// <summary><c>run</c> with registrations made before the controller's own (<see cref="ControllerHost.Build"/>): the tests' scripted ARI.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Action<IServiceCollection>? services)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        if (PasswordOnCommandLine(args))
        {
            // Every local user reads a process's command line in /proc/<pid>/cmdline.
            stderr.WriteLine("phonegroups: warning: the ARI password is on the command line, where every local user can read it (/proc); pass it as Ari__Password in the environment or an env file");
        }

        try
        {
            using var host = ControllerHost.Build(args, services);
            var pipeline = host.Services.GetRequiredService<PipelineHealth>(); // before Run(), which disposes the services
            host.Run();
            // The controller stops itself when its call pipeline died: say so to the supervisor.
            return pipeline.IsRunning ? ExitCodes.Success : ExitCodes.PipelineStopped;
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                stderr.WriteLine($"phonegroups: invalid configuration: {failure}");
            }

            return ExitCodes.InvalidInput;
        }
        catch (PolicyRejectedException e)
        {
            stderr.WriteLine($"phonegroups: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
