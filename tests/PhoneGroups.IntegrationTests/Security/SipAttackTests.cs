using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Security;

/// <summary>
/// The holes of issue 11 tried as an attacker would, with SIPp on the real Asterisk and the shipped
/// configuration (asterisk-conf/) and sample policy: each must stay closed.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class SipAttackTests(AsteriskFixture asterisk)
    : ControllerTest(asterisk, Path.Combine(RepositoryRoot.Path, "asterisk-conf", "policy.yaml"), ringTimeoutSeconds: 20)
{
    private const string Reception1000 = "127.0.0.10";
    private const string Finance1001 = "127.0.0.11";
    private const string Finance1002 = "127.0.0.12";
    private const string Sales2001 = "127.0.0.21";
    private const string Sales2002 = "127.0.0.22";
    private const string Management3001 = "127.0.0.31";
    private const string TrunkB = "127.0.0.51";
    private const string NobodysAddress = "127.0.0.99";

    [Fact]
    public async Task FromUserOfAnExtension_FromAnUnknownAddress_IsNeverThatExtension()
    {
        await using var attacker = await SippPhone.SpoofAsync(NobodysAddress, fromUser: "3001", dialed: "5551234");

        await attacker.AssertSucceededAsync();
        Assert.DoesNotContain("SIP/2.0 200 OK", attacker.Messages, StringComparison.Ordinal);
        Assert.DoesNotContain("SIP/2.0 18", attacker.Messages, StringComparison.Ordinal); // not even ringing: no call was made
        Assert.DoesNotContain(ChannelNames(), name => name.StartsWith("PJSIP/3001-", StringComparison.Ordinal));
        Assert.DoesNotContain(ChannelNames(), name => name.StartsWith("PJSIP/trunk-", StringComparison.Ordinal));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task InjectedDialString_FromARealPhone_IsDenied_AndNothingIsDialed()
    {
        // The request-URI user part may hold '&', '/' and %40 ('@'): Dial() would split it into two calls.
        await using var caller = await SippPhone.CallAsync(Management3001, "011&PJSIP/19005551234%40trunk-b&x", talk: TimeSpan.FromSeconds(1));

        await caller.AssertSucceededAsync();
        Assert.DoesNotContain("SIP/2.0 200 OK", caller.Messages, StringComparison.Ordinal);
        Assert.Contains("cause=21", caller.Messages, StringComparison.Ordinal);
        Assert.DoesNotContain(ChannelNames(), name => name.StartsWith("PJSIP/trunk-", StringComparison.Ordinal));
        // Denied for the number itself, before any rule: not for want of a route.
        Assert.Equal(1, await Controller.ReadCounterAsync("phonegroups_calls_decided_total", ("decision", "deny"), ("reason", "invalid-number")));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task EmergencyNumber_DialedFromATrunk_IsNotRoutedBackOut()
    {
        await using var inbound = await SippPhone.CallAsync(TrunkB, "911", talk: TimeSpan.FromSeconds(1));

        await inbound.AssertSucceededAsync();
        Assert.DoesNotContain("SIP/2.0 200 OK", inbound.Messages, StringComparison.Ordinal);
        Assert.Contains("cause=21", inbound.Messages, StringComparison.Ordinal);
        Assert.Single(ChannelNames().Where(name => name.StartsWith("PJSIP/trunk-", StringComparison.Ordinal)).Distinct()); // the inbound leg only
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task GroupPickup_StarEight_FromASipPhone_ReachesTheController_AndPicksUpInTheGroup()
    {
        await using var ringing = await SippPhone.RingAsync(Finance1001);
        var call = await Controller.PlaceCallAsync("1000", "1001");
        await WaitForSipChannelAsync("PJSIP/1001-");

        await using var picker = await SippPhone.CallAsync(Finance1002, "*8", talk: TimeSpan.FromSeconds(1));

        await picker.AssertSucceededAsync();
        await ringing.AssertSucceededAsync(); // cancelled: the call was taken elsewhere
        Assert.Contains("SIP/2.0 200 OK", picker.Messages, StringComparison.Ordinal);
        AssertInOneBridge(call.Call, "PJSIP/1002-");
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task GroupPickup_StarEight_FromAPhoneOfAnotherGroup_DoesNotTakeTheCall()
    {
        await using var ringing = await SippPhone.RingAsync(Finance1001);
        var call = await Controller.PlaceCallAsync("1000", "1001");
        await WaitForSipChannelAsync("PJSIP/1001-");

        await using var picker = await SippPhone.CallAsync(Sales2001, "*8", talk: TimeSpan.FromSeconds(1)); // Sales, not Finance

        await picker.AssertSucceededAsync();
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<ChannelEnteredBridge>(), e => e.Bridge.Channels.Contains(call.Call));
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<ChannelDestroyed>(), e => e.Channel.Id == call.Call); // still ringing at 1001

        await Controller.Ari.HangupAsync(call.Phone);
        await ringing.AssertSucceededAsync();
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DirectedPickup_FromASipPhone_AcrossGroups_WorksWhereThePolicyAllowsIt()
    {
        await using var ringing = await SippPhone.RingAsync(Sales2002);
        var call = await Controller.PlaceCallAsync("3001", "2002");
        await WaitForSipChannelAsync("PJSIP/2002-");

        await using var picker = await SippPhone.CallAsync(Reception1000, "**2002", talk: TimeSpan.FromSeconds(1));

        await picker.AssertSucceededAsync();
        await ringing.AssertSucceededAsync();
        Assert.Contains("SIP/2.0 200 OK", picker.Messages, StringComparison.Ordinal);
        AssertInOneBridge(call.Call, "PJSIP/1000-");
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DirectedPickup_FromASipPhone_IntoAPickupIsolatedGroup_IsRefused_AndTheCallRingsOn()
    {
        await using var ringing = await SippPhone.RingAsync(Finance1001);
        var call = await Controller.PlaceCallAsync("1000", "1001");
        await WaitForSipChannelAsync("PJSIP/1001-");

        await using var picker = await SippPhone.CallAsync(Sales2001, "**1001", talk: TimeSpan.FromSeconds(1));

        await picker.AssertSucceededAsync();
        Assert.DoesNotContain("SIP/2.0 200 OK", picker.Messages, StringComparison.Ordinal);
        Assert.Contains("cause=21", picker.Messages, StringComparison.Ordinal);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<ChannelEnteredBridge>(), e => e.Bridge.Channels.Contains(call.Call));

        await Controller.Ari.HangupAsync(call.Phone); // the caller gives up: the phone that rang is cancelled
        await ringing.AssertSucceededAsync();
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task HostilePolicyFile_OnHotReload_LeavesTheControllerDeciding()
    {
        await Controller.WritePolicyAsync("version: 1\nextensions: " + new string('[', 400_000) + "\n");
        // The watcher read it and refused it (not merely: nothing happened yet).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Controller.ReadCounterAsync("phonegroups_policy_reloads_total", ("result", "rejected")) < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the hostile policy file was never read and refused");
            await Task.Delay(100);
        }

        await using var caller = await SippPhone.CallAsync(Finance1001, "2001", talk: TimeSpan.FromSeconds(1));
        await caller.AssertSucceededAsync();
        Assert.Contains("cause=21", caller.Messages, StringComparison.Ordinal); // still the sample policy: Finance is isolated
        await Controller.AssertNothingLeftAsync();
    }

    private IEnumerable<string> ChannelNames() => Controller.Events.Snapshot().OfType<ChannelEvent>().Select(e => e.Channel.Name);

    private Task WaitForSipChannelAsync(string prefix) =>
        Controller.Events.WaitForAsync<ChannelStateChange>(e => e.Channel.Name.StartsWith(prefix, StringComparison.Ordinal) && e.Channel.State == "Ringing",
            TimeSpan.FromSeconds(10));

    /// <summary>The channel whose name starts with <paramref name="namePrefix"/> joined the bridge <paramref name="callId"/> joined (in either order).</summary>
    private void AssertInOneBridge(string callId, string namePrefix)
    {
        var entered = Controller.Events.Snapshot().OfType<ChannelEnteredBridge>().ToList();
        var callsBridge = Assert.Single(entered, e => e.Channel.Id == callId).Bridge.Id;
        Assert.Contains(entered, e => e.Channel.Name.StartsWith(namePrefix, StringComparison.Ordinal) && e.Bridge.Id == callsBridge);
    }
}
