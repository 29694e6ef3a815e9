using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Explanations;
using PhoneGroups.Policy.Loading;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Commands;

/// <summary><c>check</c>: decides one call against a policy file and says why, for admins asking "why was this blocked?".</summary>
internal static class CheckCommand
{
    public const string Usage = """
        Usage: phonegroups check --policy FILE [--from EXTENSION] --to NUMBER [--caller-number N] [--from-trunk]
                                 [--as call|transfer|forward] [--json]

        Decides a call from EXTENSION to NUMBER as the controller would, and explains the decision.
          --policy FILE        the policy file (YAML)
          --from EXTENSION     the calling extension; leave out for a caller from outside (unknown)
          --to NUMBER          the dialed number
          --caller-number N    an outside caller's own number (caller ID), which incoming permissions match
          --from-trunk         the call came in from a trunk: never routed out as an emergency call, and
                               incoming permissions apply to it (with --as: the party transferred or
                               forwarded came from a trunk)
          --as KIND            call (the default), or transfer / forward: EXTENSION transfers or forwards a
                               call to NUMBER; decided with EXTENSION's rights, as the controller does
                               (docs/policy.md, "Forwards and transfers")
          --json               print one JSON object instead of a sentence

        Exit code: 0 allowed, 1 denied, 3 allowed only with a call-permission password,
        2 invalid input (the reason is printed on stderr).
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Success;
        }

        if (!CommandArguments.TryParse(args, ["--policy", "--from", "--to", "--caller-number", "--as"], ["--json", "--from-trunk"], out var options, out var error))
        {
            return Fail(stderr, error);
        }

        var kind = options.Value("--as") ?? "call";
        if (kind is not ("call" or "transfer" or "forward"))
        {
            return Fail(stderr, $"--as must be call, transfer or forward, not '{kind}'");
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

        if (kind != "call")
        {
            return RunRedirection(kind, loaded.Policy, options.Value("--from"), to, options.Flag("--from-trunk"), options.Value("--caller-number"), options.Flag("--json"), stdout);
        }

        var origin = options.Flag("--from-trunk") ? CallOrigin.Trunk : CallOrigin.Internal;
        var decision = loaded.Policy.Decide(options.Value("--from"), to, origin, options.Value("--caller-number"));
        stdout.WriteLine(options.Flag("--json") ? ToJson(decision) : DecisionExplainer.Explain(decision));
        return decision.Outcome switch
        {
            DecisionOutcome.Allow => ExitCodes.Success,
            DecisionOutcome.Challenge => ExitCodes.Challenge,
            _ => ExitCodes.Denied,
        };
    }

    /// <summary>
    /// <c>--as transfer|forward</c>: the controller's decision for <paramref name="party"/> sending a call to
    /// <paramref name="to"/>, with the rules only destination changes have (and no password prompt: nobody is asked).
    /// </summary>
    private static int RunRedirection(string kind, Policy.Compilation.CompiledPolicy policy, string? party, string to, bool fromOutside, string? callerNumber, bool json,
        TextWriter stdout)
    {
        var identity = new Calls.CallerIdentity(string.IsNullOrWhiteSpace(party) ? null : party.Trim(), Calls.CallerSource.DialplanVariable);
        var decided = Calls.RedirectionDecision.Decide(policy, identity, to, fromOutside, callerNumber);
        var decision = decided.Decision;
        var denied = !decided.IsAllowed;
        if (json)
        {
            var result = Result(decision);
            stdout.WriteLine(Serialize(denied ? result with { Decision = "deny", Action = "deny", Reason = decided.ReasonCode } : result));
        }
        else
        {
            var who = identity.Extension ?? "an unknown party";
            var why = decided.Refusal switch
            {
                "unknown-to-trunk" => $"; but an unknown party never sends a call out on a route, so the {kind} is denied (unknown-to-trunk)",
                "emergency-from-trunk" => $"; but the call came from a trunk and is never sent back out to an emergency number, so the {kind} is denied (emergency-from-trunk)",
                _ when decision.IsChallenge => $"; nobody is asked for the password during a {kind}, so it is denied",
                _ => string.Empty,
            };
            stdout.WriteLine($"As a {kind} by {who}: {DecisionExplainer.Explain(decision)}{why}");
        }

        return denied ? ExitCodes.Denied : ExitCodes.Success;
    }

    internal static string ToJson(in Decision decision) => Serialize(Result(decision));

    private static CheckResult Result(in Decision decision)
    {
        // A challenge shows what happens once the password is accepted: action, route, caller ID, fail-over.
        var then = decision.IsChallenge ? decision.Challenge.Granted : decision;
        var result = new CheckResult(
            decision.Outcome.ToCode(),
            then.Action.ToCode(),
            decision.Reason.ToCode(),
            decision.Permission?.Name,
            decision.PermissionLevel.ToCode(),
            decision.CallerGroup?.Name,
            then.Endpoint,
            then.Route?.Route.Name,
            then.FormatDialString(),
            then.Context,
            then.CallerId,
            [.. then.Failover.Select(g => g.Route.Name)],
            decision.Language);
        return result;
    }

    private static string Serialize(CheckResult result)
    {
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
