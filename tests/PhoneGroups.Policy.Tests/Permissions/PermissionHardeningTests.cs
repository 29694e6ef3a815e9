using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>
/// Call permissions together with the hardening rules: number validation before any permission, emergency calls
/// (and their fail-over through every emergency route) untouched by permissions, calls from a trunk at the incoming level.
/// </summary>
public class PermissionHardeningTests
{
    private static readonly CompiledPolicy Policy = TestPolicies.Load(PermissionPolicies.Precedence);

    // Two emergency routes, each with a route permission that would deny 911 and 112 on it.
    private static readonly CompiledPolicy EmergencyPolicy = TestPolicies.Load("""
        version: 1
        settings:
          emergencyNumbers: ["112", "911"]
          unknownCallers: allow
        groups:
          - name: Sales
            members: ["2001"]
            routes: [Local]
        routes:
          - { name: Local, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
          - { name: Emergency, patterns: ["112", "911"], dial: "PJSIP/{number}@trunk-a" }
          - { name: Emergency backup, patterns: ["112", "911"], dial: "PJSIP/{number}@trunk-b" }
        permissions:
          - { name: No emergency on the first, numbers: ["911", "112"], routes: [Emergency] }
          - { name: No emergency on the backup, numbers: ["911", "112"], routes: [Emergency backup], password: "1234" }
          - { name: No emergency for 2001, numbers: ["_X."], users: ["2001"] }
          - { name: No emergency from outside, numbers: ["_X."], incoming: ["_X."] }
        """);

    [Theory]
    [InlineData("2002", "011441234567&PJSIP/19005551234@trunk-b")] // a user-level allow would match the number's start
    [InlineData("2001", "011/44")]                                 // a group-level challenge would match
    [InlineData(null, "2001@x")]                                    // an incoming deny would match 2001
    [InlineData("2001", "")]
    public void Decide_InvalidNumber_IsDeniedBeforeAnyPermission(string? from, string to)
    {
        var sut = Policy.Decide(from, to, CallOrigin.Internal, "09001234");

        Assert.Equal(DecisionReason.InvalidNumber, sut.Reason);
        Assert.Equal(DecisionOutcome.Deny, sut.Outcome);
        Assert.Null(sut.Permission);
        Assert.Null(sut.Route);
    }

    [Theory]
    [InlineData("2001", "911")]
    [InlineData(null, "112")]
    public void Decide_Emergency_BypassesEveryPermission_AndFailsOverThroughEveryEmergencyRoute(string? from, string to)
    {
        var sut = EmergencyPolicy.Decide(from, to, CallOrigin.Internal, "5550666");

        Assert.Equal(DecisionReason.Emergency, sut.Reason);
        Assert.True(sut.IsEmergency);
        Assert.Null(sut.Permission);
        Assert.Equal("Emergency", sut.Route?.Route.Name);
        Assert.Equal(["Emergency backup"], sut.Failover.Select(g => g.Route.Name));
        Assert.Equal(["Emergency", "Emergency backup"], sut.EmergencyRoutes.Select(g => g.Route.Name));
    }

    [Fact]
    public void Decide_EmergencyFromTrunk_IsDenied_WithoutAPermission()
    {
        var sut = EmergencyPolicy.Decide(null, "911", CallOrigin.Trunk, "5550666");

        Assert.Equal(DecisionReason.EmergencyFromTrunk, sut.Reason);
        Assert.Null(sut.Permission);
        Assert.Empty(sut.EmergencyRoutes);
    }

    [Theory]
    // an unknown trunk caller: the incoming level, matched on its caller ID
    [InlineData(null, "2001", "09001234", "deny", "permission-denied", "Spam callers", "incoming")]
    [InlineData(null, "4001", "5550666", "allow", "permission-allowed", "Partner line", "incoming")]
    [InlineData(null, "1000", "5551234", "challenge", "permission-password", "Night line", "incoming")]
    // a trunk caller identified as an extension (a trusted branch office): the incoming level comes first...
    [InlineData("4001", "2001", "5550666", "deny", "permission-denied", "Spam callers", "incoming")]
    [InlineData("2001", "1000", "5551234", "challenge", "permission-password", "Night line", "incoming")]
    // ...then its own user and group levels
    [InlineData("2001", "011441234567", "5551234", "challenge", "permission-password", "Sales international", "group")]
    [InlineData("2002", "011441234567", "5551234", "allow", "permission-allowed", "Director abroad", "user")]
    public void Decide_FromTrunk_UsesTheIncomingLevelFirst(string? from, string to, string outside, string outcome, string reason,
        string permission, string level)
    {
        var sut = Policy.Decide(from, to, CallOrigin.Trunk, outside);

        Assert.Equal(outcome, sut.Outcome.ToCode());
        Assert.Equal(reason, sut.Reason.ToCode());
        Assert.Equal(permission, sut.Permission?.Name);
        Assert.Equal(level, sut.PermissionLevel.ToCode());
    }

    [Fact]
    public void Decide_FromInside_TheSameExtensionCall_IsNotMatchedByIncomingPermissions()
    {
        var sut = Policy.Decide("4001", "2001", CallOrigin.Internal, "5550666");

        Assert.Equal(DecisionReason.NotIsolated, sut.Reason);
        Assert.Null(sut.Permission);
    }

    [Fact]
    public void Decide_FromTrunkWithoutCallerNumber_AnUnknownCallerNumberStandsForIt()
    {
        var sut = Policy.Decide("5550666", "2001", CallOrigin.Trunk, outsideNumber: null);

        Assert.Equal(DecisionReason.PermissionDenied, sut.Reason);
        Assert.Equal("Spam callers", sut.Permission?.Name);
    }

    [Fact]
    public void Decide_OverloadsAgree()
    {
        Assert.Equal(Policy.Decide("2001", "011441234567", CallOrigin.Internal, null).Reason, Policy.Decide("2001", "011441234567").Reason);
        Assert.Equal(Policy.Decide(null, "2001", CallOrigin.Internal, "09001234").Reason, Policy.Decide(null, "2001", "09001234").Reason);
        Assert.Equal(DecisionReason.EmergencyFromTrunk, Policy.Decide("2001", "911", CallOrigin.Trunk).Reason);
    }

    [Fact]
    public void Decide_TrunkAndInvalidCalls_AllocateNothing()
    {
        (string? From, string To, CallOrigin Origin, string? Outside)[] calls =
        [
            (null, "2001", CallOrigin.Trunk, "09001234"), ("4001", "2001", CallOrigin.Trunk, "5550666"), (null, "1000", CallOrigin.Trunk, "5551234"),
            ("2001", "011441234567", CallOrigin.Trunk, "5551234"), ("2001", "911", CallOrigin.Trunk, null), ("2002", "011&x", CallOrigin.Internal, null),
            ("1000", "01149301234", CallOrigin.Internal, null), (null, "", CallOrigin.Trunk, "5550666"),
        ];
        var sink = 0;
        Run(); // JIT first
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, sink);

        void Run()
        {
            for (var i = 0; i < 100; i++)
            {
                foreach (var (from, to, origin, outside) in calls)
                {
                    var decision = Policy.Decide(from, to, origin, outside);
                    sink += (int)decision.Reason;
                    foreach (var grant in decision.Failover)
                    {
                        sink += grant.Route.Index;
                    }
                }
            }
        }
    }
}
