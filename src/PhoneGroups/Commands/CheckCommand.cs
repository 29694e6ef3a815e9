using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Explanations;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Commands;

/// <summary><c>check</c>: decides one call against a policy file and says why, for admins asking "why was this blocked?".</summary>
internal static class CheckCommand
{
    public const string Usage = """
        Usage: phonegroups check --policy FILE [--from EXTENSION] --to NUMBER [--from-trunk] [--json]

        Decides a call from EXTENSION to NUMBER as the controller would, and explains the decision.
          --policy FILE      the policy file (YAML)
          --from EXTENSION   the calling extension; leave out for a caller from outside (unknown)
          --to NUMBER        the dialed number
          --from-trunk       the call came in from a trunk (never routed out as an emergency call)
          --json             print one JSON object instead of a sentence

        Exit code: 0 allowed, 1 denied, 2 invalid input (the reason is printed on stderr).
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        if (!CommandArguments.TryParse(args, ["--policy", "--from", "--to"], ["--json", "--from-trunk"], out var options, out var error))
        {
            return Fail(stderr, error);
        }

        var policyPath = options.Value("--policy");
        var to = options.Value("--to");
        if (policyPath is null || to is null)
        {
            return Fail(stderr, policyPath is null ? "--policy FILE is required" : "--to NUMBER is required");
        }

        var loaded = PolicyLoader.LoadFile(policyPath);
        if (!loaded.Success)
        {
            foreach (var problem in loaded.Errors)
            {
                stderr.WriteLine(problem);
            }

            stderr.WriteLine($"phonegroups check: the policy has {Count(loaded.Errors.Count, "error")}; nothing was decided");
            return ExitCodes.InvalidInput;
        }

        var origin = options.Flag("--from-trunk") ? CallOrigin.Trunk : CallOrigin.Internal;
        var decision = loaded.Policy.Decide(options.Value("--from"), to, origin);
        stdout.WriteLine(options.Flag("--json") ? ToJson(decision) : DecisionExplainer.Explain(decision));
        return decision.IsAllowed ? ExitCodes.Success : ExitCodes.Denied;
    }

    internal static string ToJson(in Decision decision)
    {
        var result = new CheckResult(
            decision.IsAllowed ? "allow" : "deny",
            decision.Action.ToCode(),
            decision.Reason.ToCode(),
            decision.CallerGroup?.Name,
            decision.Endpoint,
            decision.Route?.Route.Name,
            decision.FormatDialString(),
            decision.Context,
            decision.CallerId,
            [.. decision.Failover.Select(g => g.Route.Name)],
            decision.Language);

        // Relaxed escaping keeps '+' in numbers readable; the output is never embedded in HTML.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, result, CheckJsonContext.Default.CheckResult);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"phonegroups check: {message}");
        stderr.WriteLine("Run 'phonegroups check --help' for usage.");
        return ExitCodes.InvalidInput;
    }

    internal static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
