using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Permissions;

namespace PhoneGroups.Policy.Tests.Permissions;

/// <summary>Every precedence rule of the call permissions, against <see cref="PermissionPolicies.Precedence"/>.</summary>
public class PermissionPrecedenceTests
{
    private static readonly CompiledPolicy Policy = TestPolicies.Load(PermissionPolicies.Precedence);

    private static Decision CreateSut(string? from, string to, string? outsideNumber = null) => Policy.Decide(from, to, outsideNumber);

    [Theory]
    // no permission matches: the group rules' decision stands
    [InlineData("2001", "2345678", null, "allow", "route-granted", null, null)]
    [InlineData("1000", "2001", null, "allow", "not-isolated", null, null)]
    // user level before group level: a user allow beats a group deny, a user deny beats a group allow
    [InlineData("2002", "011441234567", null, "allow", "permission-allowed", "Director abroad", "user")]
    [InlineData("2001", "1000", null, "deny", "permission-denied", "No Reception", "user")]
    // group level when the user level has no match
    [InlineData("2002", "1000", null, "allow", "permission-allowed", "Sales may call Reception", "group")]
    [InlineData("2001", "011441234567", null, "challenge", "permission-password", "Sales international", "group")]
    [InlineData("2003", "011331234567", null, "challenge", "permission-password", "Sales international", "group")]
    // group level before route level: a group allow beats a route deny
    [InlineData("2001", "19005550000", null, "allow", "permission-allowed", "Sales premium hotline", "group")]
    // route level when neither the user nor the group level matches
    [InlineData("2001", "19001234567", null, "deny", "permission-denied", "No premium", "route")]
    [InlineData("1000", "01149301234", null, "challenge", "permission-password", "International code", "route")]
    // within a level: a deny without password makes it a denial, and it is the one named
    [InlineData("4001", "011331234567", null, "deny", "permission-denied", "Support France hard deny", "group")]
    [InlineData("4001", "011441234567", null, "challenge", "permission-password", "Support abroad", "group")]
    // several denies with passwords: the first in policy order is named
    [InlineData("2004", "01144201234", null, "challenge", "permission-password", "UK needs a code", "user")]
    // disabled permissions are ignored
    [InlineData("2001", "5551234", null, "allow", "route-granted", null, null)]
    // permissions never override isolation, and emergency numbers bypass them
    [InlineData("5001", "011441234567", null, "deny", "isolation", null, null)]
    [InlineData("2001", "911", null, "allow", "emergency", null, null)]
    // incoming: outside callers, matched on the dialed number and on their own number; any allow wins
    [InlineData(null, "2001", "09001234", "deny", "permission-denied", "Spam callers", "incoming")]
    [InlineData(null, "4002", "5550666", "deny", "permission-denied", "Spam callers", "incoming")]
    [InlineData(null, "4001", "5550666", "allow", "permission-allowed", "Partner line", "incoming")]
    [InlineData(null, "2001", "5551234", "allow", "unknown-caller-internal", null, null)]
    [InlineData(null, "1000", "5551234", "challenge", "permission-password", "Night line", "incoming")]
    [InlineData("+5550666", "2001", null, "allow", "unknown-caller-internal", null, null)]
    [InlineData("5550666", "2001", null, "deny", "permission-denied", "Spam callers", "incoming")]
    // a caller without a number matches only patterns that accept none (`_!`)
    [InlineData(null, "1000", null, "allow", "unknown-caller-internal", null, null)]
    // incoming permissions are for outside callers only: extensions are not matched by them
    [InlineData("4001", "2001", "5550666", "allow", "not-isolated", null, null)]
    public void Decide_Precedence_GivesOutcomeReasonPermissionAndLevel(string? from, string to, string? outside, string outcome, string reason,
        string? permission, string? level)
    {
        var sut = CreateSut(from, to, outside);

        Assert.Equal(outcome, sut.Outcome.ToCode());
        Assert.Equal(reason, sut.Reason.ToCode());
        Assert.Equal(permission, sut.Permission?.Name);
        Assert.Equal(level, sut.PermissionLevel.ToCode());
        Assert.Equal(outcome == "allow", sut.IsAllowed);
        Assert.Equal(outcome == "challenge", sut.IsChallenge);
    }

    [Fact]
    public void Decide_PermissionDecides_KeepsTheGroupRuleReason()
    {
        var sut = CreateSut("2001", "011441234567");

        Assert.Equal(DecisionReason.PermissionPassword, sut.Reason);
        Assert.Equal(DecisionReason.RouteGranted, sut.GroupRuleReason);
    }

    [Fact]
    public void Decide_DisabledPermission_WouldHaveDecided_IfEnabled()
    {
        var enabled = TestPolicies.Load(PermissionPolicies.Precedence.Replace("enabled: false", "enabled: true", StringComparison.Ordinal));

        // "Old rule" (allow _X. for 2001) joins the user level: an allow there beats the user deny.
        Assert.Equal(DecisionReason.PermissionAllowed, enabled.Decide("2001", "1000").Reason);
        Assert.Equal("Old rule", enabled.Decide("2001", "1000").Permission?.Name);
        Assert.Equal(DecisionReason.PermissionDenied, Policy.Decide("2001", "1000").Reason);
    }

    [Fact]
    public void Decide_RoutePermissionOnFirstRoute_IsNotBypassedByFailover()
    {
        // Premium is the first route for 1900 numbers; Backup takes them too, but the call is denied, not failed over.
        var sut = CreateSut("2001", "19001234567");

        Assert.Equal(DecisionAction.Deny, sut.Action);
        Assert.Null(sut.Route);
        Assert.Equal(0, sut.Failover.Count);
    }

    [Fact]
    public void Decide_RoutePermissionOnFailoverRoute_LeavesThatRouteOut()
    {
        // International carries 011 calls; "Backup not abroad" denies them on Backup, so only Spare remains.
        var sut = CreateSut("1000", "011441234567");

        Assert.Equal(DecisionReason.RouteOpen, sut.Reason);
        Assert.Equal("International", sut.Route?.Route.Name);
        Assert.Equal(["Spare"], sut.Failover.Select(g => g.Route.Name));
    }

    [Fact]
    public void Decide_FirstRouteWithoutPermissions_FailoverRouteThatDenies_IsLeftOut()
    {
        // Local carries 555 numbers and has no permission at all; Backup's permission denies them there.
        var sut = CreateSut("1000", "5551234");

        Assert.Equal(DecisionReason.RouteOpen, sut.Reason);
        Assert.Equal("Local", sut.Route?.Route.Name);
        Assert.Empty(sut.Failover);
        Assert.Equal(["Backup"], CreateSut("1000", "2345678").Failover.Select(g => g.Route.Name));
    }

    [Fact]
    public void Decide_GroupLevelDecided_RoutePermissionsOfFailoverRoutesAreNotConsulted()
    {
        // The group level decided (allow), so later levels, Backup's permission included, do not count.
        var sut = CreateSut("2002", "011441234567");

        Assert.Equal(["Backup"], sut.Failover.Select(g => g.Route.Name));
    }

    [Fact]
    public void Decide_RouteChallenge_FailsOverOnlyToRoutesTheSamePasswordOpens()
    {
        var sut = CreateSut("1000", "01149301234").Challenge.Granted;

        Assert.Equal("International", sut.Route?.Route.Name);
        // Backup denies outright; Spare asks for the same permission's password, which the caller entered.
        Assert.Equal(["Spare"], sut.Failover.Select(g => g.Route.Name));
    }

    [Fact]
    public void Decide_InternalCall_RoutePermissionsDoNotApply()
    {
        var policy = TestPolicies.Load(PermissionPolicies.Base + """

            permissions:
              - { name: Route rule, numbers: ["_X."], routes: [Local] }
            """);

        Assert.Equal(DecisionReason.SameGroup, policy.Decide("2001", "2002").Reason);
        Assert.Equal(DecisionReason.PermissionDenied, policy.Decide("2001", "2345678").Reason);
    }

    [Fact]
    public void Decide_UnknownCallerRoutingOut_IncomingFirstThenRoute()
    {
        var policy = TestPolicies.Load(PermissionPolicies.Base.Replace("unknownCallers: internal-only", "unknownCallers: allow", StringComparison.Ordinal) + """

            permissions:
              - { name: No transit abroad, numbers: ["_011."], routes: [International] }
              - { name: Trusted partner, mode: allow, numbers: ["5550999"], incoming: ["_011."] }
              - { name: Sales rule, numbers: ["_011."], groups: [Sales] }
            """);

        var stranger = policy.Decide(null, "011441234567", "5551234");
        var partner = policy.Decide(null, "011441234567", "5550999");

        Assert.Equal(("permission-denied", "No transit abroad", PermissionLevel.Route), (stranger.Reason.ToCode(), stranger.Permission?.Name, stranger.PermissionLevel));
        Assert.Equal(("permission-allowed", "Trusted partner", PermissionLevel.Incoming), (partner.Reason.ToCode(), partner.Permission?.Name, partner.PermissionLevel));
    }

    [Fact]
    public void Decide_DashesInTheNumbers_AreIgnoredLikeAsteriskDoes()
    {
        Assert.Equal("No Reception", CreateSut("2001", "10-00").Permission?.Name);
        Assert.Equal("Spam callers", CreateSut(null, "2001", "555-0666").Permission?.Name);
    }

    [Fact]
    public void Decide_PolicyWithoutPermissions_DecidesAsBefore()
    {
        var policy = TestPolicies.Load(PermissionPolicies.Base);

        var sut = policy.Decide("2001", "011441234567");

        Assert.Equal(DecisionOutcome.Allow, sut.Outcome);
        Assert.Equal(DecisionReason.RouteGranted, sut.Reason);
        Assert.Null(sut.Permission);
        Assert.Equal(PermissionLevel.None, sut.PermissionLevel);
        Assert.True(sut.Challenge.IsEmpty);
    }
}
