using PhoneGroups.Calls;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Tests.Calls;

public sealed class CallerIdentityTests
{
    private static readonly PhoneGroups.Policy.Compilation.CompiledPolicy Policy = PolicyLoader.LoadText("""
        version: 1
        groups:
          - name: Sales
            members: ["2001", { number: "2002", endpoint: "PJSIP/2002-desk" }]
        """).Policy!;

    private static readonly string[] TrustTrunkB = ["PJSIP/trunk-b"];

    [Theory]
    [InlineData("1001", "PJSIP/2001-00000001", "2001", false, "1001", CallerSource.DialplanVariable)] // the dialplan is trusted configuration
    [InlineData(null, "PJSIP/2001-00000001", "9999", true, "2001", CallerSource.Endpoint)]           // the endpoint beats a caller ID
    [InlineData(null, "PJSIP/2002-desk-0000002a", "", false, "2002", CallerSource.Endpoint)]          // endpoint names may hold dashes
    [InlineData(null, "PJSIP/unknown-00000001", "2001", false, null, CallerSource.Unknown)]           // a phone's own caller ID is not trusted
    [InlineData(null, "PJSIP/trunk-b-00000001", "2001", false, null, CallerSource.Unknown)]           // nor a trunk's, by default
    [InlineData(null, "PJSIP/trunk-b-00000001", "2001", true, "2001", CallerSource.CallerIdNumber)]   // unless the endpoint is listed
    [InlineData(null, "PJSIP/TRUNK-B-00000001", "2001", true, "2001", CallerSource.CallerIdNumber)]   // endpoint names ignore case, as in PJSIP
    [InlineData(null, "PJSIP/trunk-a-00000001", "2001", true, null, CallerSource.Unknown)]            // and only that endpoint
    [InlineData(null, "PJSIP/trunk-b2-00000001", "2001", true, null, CallerSource.Unknown)]           // not one whose name merely starts alike
    [InlineData(null, "Local/2001@phones-00000001;2", "2001", true, null, CallerSource.Unknown)]
    public void Identify_FollowsTheOrderOfTrust(string? variable, string channel, string callerId, bool trustTrunkB, string? expected, CallerSource source)
    {
        var identity = CallerIdentity.Identify(Policy, variable, null, channel, callerId, trustTrunkB ? TrustTrunkB : []);

        Assert.Equal(expected, identity.Extension);
        Assert.Equal(source, identity.Source);
    }

    [Theory]
    [InlineData("trunk", false, CallOrigin.Trunk)]
    [InlineData("TRUNK", false, CallOrigin.Trunk)]
    [InlineData(null, false, CallOrigin.Internal)]
    [InlineData("phone", false, CallOrigin.Internal)]
    [InlineData(null, true, CallOrigin.Trunk)]   // an endpoint whose caller ID is trusted is a trunk
    public void Identify_Origin_ComesFromTheDialplanOrATrustedTrunk(string? origin, bool trustTrunkB, CallOrigin expected)
    {
        var identity = CallerIdentity.Identify(Policy, null, origin, "PJSIP/trunk-b-00000001", "2001", trustTrunkB ? TrustTrunkB : []);

        Assert.Equal(expected, identity.Origin);
    }

    [Theory]
    [InlineData("*8", true, null)]
    [InlineData("**2002", true, "2002")]
    [InlineData("**", false, null)]
    [InlineData("*80", false, null)]
    [InlineData("2002", false, null)]
    public void PickupCodes_AreRecognised(string dialed, bool isPickup, string? extension)
    {
        Assert.Equal(isPickup, PickupCodes.IsPickup(dialed, out var target));
        Assert.Equal(extension, target);
    }

    [Theory]
    [InlineData("BUSY", 16, 17)]
    [InlineData("NOANSWER", 0, 19)]
    [InlineData("CONGESTION", 0, 34)]
    [InlineData("CHANUNAVAIL", 0, 20)]
    [InlineData("CHANUNAVAIL", 27, 27)]  // destination out of order: the leg's own cause says more
    [InlineData("RINGING", 19, 19)]      // the ring timeout ended a ringing leg
    [InlineData(null, 16, 20)]           // gone without a cause: unreachable
    public void FailedLeg_GivesTheCallerTheMatchingCause(string? dialStatus, int legCause, int expected)
    {
        Assert.Equal(expected, HangupCauses.ForFailedLeg(dialStatus, legCause));
    }

    [Theory]
    [InlineData(34, true)]
    [InlineData(20, true)]
    [InlineData(17, false)]  // busy is the called party's answer
    [InlineData(19, false)]
    [InlineData(21, false)]
    public void OnlyRouteFailures_FallOver(int cause, bool fallsOver)
    {
        Assert.Equal(fallsOver, HangupCauses.IsRouteFailure(cause));
    }
}
