using System.Text;
using CsCheck;
using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>
/// Random permissions and calls: the compiled evaluation (one automaton, sorted intersections) against a direct
/// reading of the rules that tries every permission's patterns one by one.
/// </summary>
public class PermissionPropertyTests
{
    private static readonly string[] Patterns =
        ["_011.", "_01144.", "_X.", "_NXXXXXX", "1000", "2001", "_1900.", "19005550000", "_0900.", "5550666", "_!", "911", "_400X", "_20XX", "_+."];

    private static readonly string[] Users = ["1000", "2001", "2002", "2003", "2004", "4001", "4002", "5001"];
    private static readonly string[] Groups = ["Reception", "Sales", "Support", "Finance"];
    private static readonly string[] Routes = ["Emergency", "Local", "International", "Premium", "Backup", "Spare"];
    private static readonly string?[] Callers = [null, "", "5550666", "1000", "2001", "2002", "2003", "2004", "4001", "4002", "5001"];
    private static readonly string?[] OutsideNumbers = [null, "", "5550666", "09001234", "5551234", "+4930123", "2001"];

    private static readonly string[] Dialed =
        ["1000", "2001", "2003", "4001", "4002", "5001", "2345678", "011441234567", "01149301234", "011331234567", "19001234567", "19005550000", "911", "5550666", "12"];

    private static readonly CompiledPolicy WithoutPermissions = TestPolicies.Load(PermissionPolicies.Base);

    private static readonly Gen<string> GenPermission = Gen.Select(
            Gen.Bool, Gen.Int[0, 4], Gen.Int[0, Patterns.Length - 1].Array[1, 3], Gen.Int[0, 7].Array[1, 3],
            Gen.Int[0, 3], Gen.Int[0, 9])
        .Select((allow, kind, numbers, targets, password, enabled) =>
        {
            var yaml = new StringBuilder("{ name: P, mode: ").Append(allow ? "allow" : "deny");
            yaml.Append(", numbers: [").AppendJoin(", ", numbers.Distinct().Select(i => Quote(Patterns[i]))).Append(']');
            var distinct = targets.Distinct().ToArray();
            if (kind is 0 or 3)
            {
                yaml.Append(", users: [").AppendJoin(", ", distinct.Select(i => Quote(Users[i]))).Append(']');
            }

            if (kind is 1 or 3)
            {
                yaml.Append(", groups: [").AppendJoin(", ", distinct.Select(i => Groups[i % Groups.Length]).Distinct()).Append(']');
            }

            if (kind is 2 or 3)
            {
                yaml.Append(", routes: [").AppendJoin(", ", distinct.Select(i => Routes[i % Routes.Length]).Distinct()).Append(']');
            }

            if (kind == 4)
            {
                yaml.Append(", incoming: [").AppendJoin(", ", distinct.Select(i => Quote(Patterns[(i * 3) % Patterns.Length]))).Append(']');
            }

            if (!allow && password > 0)
            {
                yaml.Append(", password: \"").Append(password == 3 ? "3*" : new string((char)('0' + password), 2)).Append('"');
            }

            return yaml.Append(enabled == 0 ? ", enabled: false }" : " }").ToString();
        });

    [Fact]
    public void Decide_RandomPermissionsAndCalls_AgreesWithTheRulesReadDirectly()
    {
        Gen.Select(GenPermission.Array[1, 12], Gen.Int[0, Callers.Length - 1], Gen.Int[0, Dialed.Length - 1], Gen.Int[0, OutsideNumbers.Length - 1])
            .Sample((permissions, caller, dialed, outside) =>
            {
                var yaml = new StringBuilder(PermissionPolicies.Base).AppendLine().AppendLine("permissions:");
                for (var i = 0; i < permissions.Length; i++)
                {
                    yaml.Append("  - ").AppendLine(permissions[i].Replace("name: P", $"name: P{i}", StringComparison.Ordinal));
                }

                var policy = TestPolicies.Load(yaml.ToString());
                var (from, to, number) = (Callers[caller], Dialed[dialed], OutsideNumbers[outside]);

                var actual = policy.Decide(from, to, number);
                var expected = Reference(policy, WithoutPermissions.Decide(from, to), from, to, number);

                Assert.Equal(expected.Outcome, actual.Outcome);
                Assert.Equal(expected.Reason, actual.Reason);
                Assert.Equal(expected.Permission, actual.Permission?.Name);
                Assert.Equal(expected.Level, actual.PermissionLevel);
                Assert.Equal(expected.Passwords, actual.Challenge.AcceptedPasswords.Select(p => p.Password).ToArray());
                Assert.Equal(expected.Outcome == DecisionOutcome.Allow ? WithoutPermissions.Decide(from, to).Route?.Route.Name : null, actual.Route?.Route.Name);
                var then = actual.IsChallenge ? actual.Challenge.Granted : actual;
                Assert.Equal(expected.Failover, then.Failover.Select(g => g.Route.Name).ToArray());
            }, iter: 3000);
    }

    private static (DecisionOutcome Outcome, DecisionReason Reason, string? Permission, PermissionLevel Level, string[] Passwords, string[] Failover) Reference(
        CompiledPolicy policy, Decision groupRules, string? from, string to, string? outsideNumber)
    {
        if (!groupRules.IsAllowed || groupRules.Reason == DecisionReason.Emergency)
        {
            return (groupRules.Outcome, groupRules.Reason, null, PermissionLevel.None, [], Names(groupRules));
        }

        var enabled = policy.Permissions.Where(p => p.IsEnabled).ToList();
        var caller = groupRules.Caller;
        var levels = new List<(PermissionLevel Level, List<PermissionInfo> Matching)>();
        if (caller is not null)
        {
            levels.Add((PermissionLevel.User, enabled.Where(p => p.Users.Any(u => u.Number == caller.Number) && Matches(p.Numbers, to)).ToList()));
            if (caller.Group is { } group)
            {
                levels.Add((PermissionLevel.Group, enabled.Where(p => p.Groups.Any(g => g.Name == group.Name) && Matches(p.Numbers, to)).ToList()));
            }
        }
        else
        {
            var number = outsideNumber ?? from ?? string.Empty;
            levels.Add((PermissionLevel.Incoming, enabled.Where(p => p.IsIncoming && Matches(p.Incoming, to) && Matches(p.Numbers, number)).ToList()));
        }

        List<PermissionInfo> OnRoute(string name) => enabled.Where(p => p.Routes.Any(r => r.Name == name) && Matches(p.Numbers, to)).ToList();
        if (groupRules.Route is { } route)
        {
            levels.Add((PermissionLevel.Route, OnRoute(route.Route.Name)));
        }

        var decided = levels.FirstOrDefault(l => l.Matching.Count > 0);
        var failover = Names(groupRules);
        if (groupRules.Route is not null && decided.Level is PermissionLevel.Route or PermissionLevel.None)
        {
            // the route level was consulted: fail-over routes must pass it too
            var first = Judge(decided.Matching ?? []);
            failover = [.. failover.Where(name =>
            {
                var matching = OnRoute(name);
                var judged = Judge(matching);
                return judged.Outcome is null or DecisionOutcome.Allow
                    || (first.Outcome == DecisionOutcome.Challenge && judged.Outcome == DecisionOutcome.Challenge && decided.Matching!.All(matching.Contains));
            })];
        }

        if (decided.Matching is null)
        {
            return (groupRules.Outcome, groupRules.Reason, null, PermissionLevel.None, [], failover);
        }

        var (outcome, deciding) = Judge(decided.Matching);
        var reason = outcome switch
        {
            DecisionOutcome.Allow => DecisionReason.PermissionAllowed,
            DecisionOutcome.Deny => DecisionReason.PermissionDenied,
            _ => DecisionReason.PermissionPassword,
        };
        var passwords = outcome != DecisionOutcome.Challenge ? []
            : decided.Level == PermissionLevel.User && caller!.Pin is { } pin ? [pin]
            : decided.Matching.Select(p => p.Password!).ToArray();
        return (outcome!.Value, reason, deciding!.Name, decided.Level, passwords, outcome == DecisionOutcome.Deny ? [] : failover);
    }

    /// <summary>One level read directly: any allow, else the first deny without password, else a challenge by the first deny.</summary>
    private static (DecisionOutcome? Outcome, PermissionInfo? Deciding) Judge(List<PermissionInfo> matching) =>
        matching.Count == 0 ? (null, null)
        : matching.FirstOrDefault(p => p.Mode == PermissionMode.Allow) is { } allow ? (DecisionOutcome.Allow, allow)
        : matching.FirstOrDefault(p => !p.HasPassword) is { } hard ? (DecisionOutcome.Deny, hard)
        : (DecisionOutcome.Challenge, matching[0]);

    private static string[] Names(Decision decision) => [.. decision.Failover.Select(g => g.Route.Name)];

    private static bool Matches(IReadOnlyList<PhoneGroups.Policy.Patterns.AsteriskPattern> patterns, string number) => patterns.Any(p => p.IsMatch(number));

    private static string Quote(string text) => $"\"{text}\"";
}
