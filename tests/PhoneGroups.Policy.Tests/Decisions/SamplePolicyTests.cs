using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Policy.Tests.Decisions;

/// <summary>The shipped asterisk-conf/policy.yaml decides the seed module's use cases.</summary>
public class SamplePolicyTests
{
    private static readonly CompiledPolicy Policy = LoadSample();

    private static CompiledPolicy LoadSample()
    {
        var result = PolicyLoader.LoadFile(TestPolicies.SamplePath);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        return result.Policy;
    }

    [Theory]
    // Reception: default group, no restrictions
    [InlineData("1000", "2001", "bridge", "not-isolated", null)]
    [InlineData("1000", "011441234567", "route", "route-open", "International")]
    // Finance: isolated to its team and its patterns _7XXX, _8[0-5]XXXXXXX, *80, 911
    [InlineData("1001", "1002", "bridge", "same-group", null)]
    [InlineData("1001", "2001", "deny", "isolation", null)]
    [InlineData("1001", "7123", "deny", "no-route", null)]              // allowed, but nothing routes 7XXX
    [InlineData("1001", "851234567", "route", "route-granted", "Local")]
    [InlineData("1001", "861234567", "deny", "isolation", null)]
    [InlineData("1001", "*80", "deny", "no-route", null)]
    [InlineData("1001", "911", "route", "emergency", "Emergency")]
    [InlineData("1001", "5551234", "deny", "isolation", null)]
    // Sales: its team, reception, customer numbers; Local and TollFree with caller ID 5550100
    [InlineData("2001", "2002", "bridge", "same-group", null)]
    [InlineData("2001", "1000", "bridge", "allowed-pattern", null)]
    [InlineData("2001", "1001", "deny", "isolation", null)]
    [InlineData("2001", "5551234", "route", "route-granted", "Local")]
    [InlineData("2001", "18005551234", "route", "route-granted", "TollFree")]
    [InlineData("2001", "2345678", "deny", "isolation", null)]
    // Management: every route, no custom caller ID
    [InlineData("3001", "011441234567", "route", "route-open", "International")]
    [InlineData("3001", "1001", "bridge", "not-isolated", null)]
    // Support: Local only, caller ID 5550200
    [InlineData("4001", "5551234", "route", "route-granted", "Local")]
    [InlineData("4001", "18005551234", "deny", "route-not-granted", null)]
    [InlineData("4001", "011441234567", "deny", "route-not-granted", null)]
    // callers from the trunks
    [InlineData("+15551234567", "1000", "bridge", "unknown-caller-internal", null)]
    [InlineData(null, "5551234", "deny", "unknown-caller", null)]
    [InlineData(null, "112", "route", "emergency", "Emergency")]
    public void Decide_SeedUseCases_AsTheSeedDescribes(string? from, string to, string action, string reason, string? route)
    {
        var sut = Policy.Decide(from, to);

        Assert.Equal((action, reason, route), (sut.Action.ToCode(), sut.Reason.ToCode(), sut.Route?.Route.Name));
    }

    [Theory]
    [InlineData("2001", "5551234", "5550100")]
    [InlineData("2001", "18005551234", "5550100")]
    [InlineData("4001", "5551234", "5550200")]
    [InlineData("3001", "5551234", null)]
    public void Decide_SeedCallerIds_ArePresented(string from, string to, string? callerId)
    {
        Assert.Equal(callerId, Policy.Decide(from, to).CallerId);
    }

    [Fact]
    public void Decide_ManagementLocalCall_FailsOverToBackupTrunk()
    {
        var sut = Policy.Decide("3001", "5551234");

        Assert.Equal("PJSIP/5551234@trunk-a", sut.FormatDialString());
        var backup = Assert.Single(sut.Failover);
        Assert.Equal("PJSIP/5551234@trunk-b", sut.FormatDialString(backup));
    }

    [Fact]
    public void MayPickUp_FinanceIsPickupIsolated_OnlyWithinFinance()
    {
        Assert.True(Policy.MayPickUp("1001", "1002"));
        Assert.False(Policy.MayPickUp("1001", "2001"));
        Assert.False(Policy.MayPickUp("2001", "1001"));  // nor may others pick up Finance's calls
        Assert.True(Policy.MayPickUp("2001", "2002"));   // Sales is not pickup-isolated
    }
}
