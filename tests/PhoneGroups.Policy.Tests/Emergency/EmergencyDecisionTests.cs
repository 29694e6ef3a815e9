using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Explanations;

namespace PhoneGroups.Policy.Tests.Emergency;

/// <summary>
/// Emergency calls: every matching route in order as fail-over, a callback caller ID, and never for a
/// call that came in from a trunk (an outsider must not use the PBX to place emergency calls).
/// </summary>
public class EmergencyDecisionTests
{
    private const string Yaml = """
        version: 1
        settings:
          emergencyNumbers: ["112", "911"]
          unknownCallers: internal-only
        groups:
          - name: Finance
            isolated: true
            emergencyCallerId: "5550199"
            members: ["1001"]
            routes:
              - { name: Local, callerId: "5550100" }
          - name: Sales
            members: ["2001"]
            routes:
              - { name: EmergencyB, callerId: "5550300" }
          - name: Closed
            members: ["6001"]
            routes: []
        routes:
          - { name: EmergencyA, patterns: ["112", "911"], dial: "PJSIP/{number}@trunk-a" }
          - { name: Local, patterns: ["_NXXXXXX"], dial: "PJSIP/{number}@trunk-a" }
          - { name: EmergencyB, patterns: ["911"], dial: "PJSIP/{number}@trunk-b" }
          - { name: EmergencyC, patterns: ["_9XX"], context: emergency-c }
        """;

    private static readonly CompiledPolicy Policy = TestPolicies.Load(Yaml);

    [Fact]
    public void Decide_EmergencyFromATrunk_IsDenied()
    {
        var decision = Policy.Decide(null, "911", CallOrigin.Trunk);

        Assert.Equal(DecisionAction.Deny, decision.Action);
        Assert.Equal(DecisionReason.EmergencyFromTrunk, decision.Reason);
        Assert.Equal("emergency-from-trunk", decision.Reason.ToCode());
        Assert.False(decision.IsEmergency);
        Assert.Null(decision.Route);
        Assert.Empty(decision.EmergencyRoutes);
    }

    [Fact]
    public void Decide_EmergencyFromATrunk_IsDeniedEvenForATrustedExtension()
    {
        var decision = Policy.Decide("1001", "112", CallOrigin.Trunk);

        Assert.Equal(DecisionReason.EmergencyFromTrunk, decision.Reason);
    }

    [Fact]
    public void Decide_NonEmergencyFromATrunk_FollowsTheUsualRules()
    {
        Assert.Equal(DecisionReason.UnknownCallerInternal, Policy.Decide(null, "2001", CallOrigin.Trunk).Reason);
        Assert.Equal(DecisionReason.UnknownCaller, Policy.Decide(null, "5551234", CallOrigin.Trunk).Reason);
    }

    [Fact]
    public void Decide_Emergency_ListsEveryMatchingRouteInOrder_GrantsIgnored()
    {
        var decision = Policy.Decide("6001", "911");

        Assert.True(decision.IsEmergency);
        Assert.Equal(DecisionAction.Route, decision.Action);
        Assert.Equal(["EmergencyA", "EmergencyB", "EmergencyC"], decision.EmergencyRoutes.Select(g => g.Route.Name));
        Assert.Same(decision.EmergencyRoutes[0], decision.Route);
        Assert.Equal(["EmergencyB", "EmergencyC"], decision.Failover.Select(g => g.Route.Name));
    }

    [Fact]
    public void Decide_Emergency_PresentsTheGroupsEmergencyCallerIdOnEveryRoute()
    {
        var decision = Policy.Decide("1001", "911");

        Assert.Equal("5550199", decision.CallerId);
        Assert.All(decision.EmergencyRoutes, g => Assert.Equal("5550199", g.CallerId));
    }

    [Fact]
    public void Decide_Emergency_WithoutEmergencyCallerId_PresentsTheExtensionsOwnNumber_NotTheRoutesCallerId()
    {
        var decision = Policy.Decide("2001", "911");

        Assert.Equal("2001", decision.CallerId);
        Assert.All(decision.EmergencyRoutes, g => Assert.Equal("2001", g.CallerId));
    }

    [Fact]
    public void Decide_Emergency_FromAnUnknownPhone_LeavesTheCallerId()
    {
        var decision = Policy.Decide(null, "112");

        Assert.True(decision.IsEmergency);
        Assert.Null(decision.CallerId);
        Assert.Equal(["EmergencyA"], decision.EmergencyRoutes.Select(g => g.Route.Name));
    }

    [Fact]
    public void Decide_NotEmergency_HasNoEmergencyRoutes()
    {
        var decision = Policy.Decide("1001", "5551234");

        Assert.False(decision.IsEmergency);
        Assert.Empty(decision.EmergencyRoutes);
    }

    [Fact]
    public void Explain_EmergencyFromATrunk_SaysWhy()
    {
        var sentence = DecisionExplainer.Explain(Policy.Decide(null, "911", CallOrigin.Trunk));

        Assert.Contains("came in from a trunk", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadEmergencyCallerId_NamesTheLine()
    {
        var errors = TestPolicies.Errors("""
            version: 1
            groups:
              - name: Finance
                emergencyCallerId: ""
            """);

        var error = Assert.Single(errors);
        Assert.Equal(4, error.Line);
        Assert.Contains("caller ID", error.Message, StringComparison.Ordinal);
    }
}
