using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Calls out through routes: caller ID per group, grants, emergency numbers and fail-over.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class OutboundCallTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    [Fact]
    public async Task GrantedRoute_CarrierSeesTheGroupsCallerId_AndTheCallIsBridged()
    {
        var call = await Controller.PlaceCallAsync("4001", "5550123");

        var carrier = await Controller.WaitForRingingAtAsync("5550123");
        Assert.Equal("5550200", carrier.Channel.Caller.Number); // Support's caller ID, not the extension
        await Controller.Ari.AnswerAsync(carrier.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.WaitForHangupAsync(carrier.Channel.Id);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task RouteNotGranted_IsDeniedWithCause21_AndNothingIsDialed()
    {
        var call = await Controller.PlaceCallAsync("4001", "18005550123"); // TollFree: not Support's

        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        AssertNothingDialed("18005550123");
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task NumberWithoutRoute_IsDeniedWithCause21()
    {
        var call = await Controller.PlaceCallAsync("4001", "99");

        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        AssertNothingDialed("99");
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task EmergencyNumber_FromAnIsolatedGroupWithoutGrant_GoesThrough()
    {
        var call = await Controller.PlaceCallAsync("1001", "911");

        var emergency = await Controller.WaitForRingingAtAsync("911");
        await Controller.Ari.AnswerAsync(emergency.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);

        await Controller.Ari.HangupAsync(emergency.Channel.Id);
        await Controller.WaitForHangupAsync(call.Phone); // the far end hung up: the caller is gone too
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task EmergencyCall_FirstEmergencyRouteBusy_FailsOverToTheNext_AndRingsPastTheRingTimeout()
    {
        var call = await Controller.PlaceCallAsync("1001", "112"); // EmergencyBusy first, then Emergency

        var emergency = await Controller.WaitForRingingAtAsync("112", TimeSpan.FromSeconds(15));
        Assert.Contains(Controller.Events.Snapshot().OfType<Dial>(), d => d.DialStatus == "BUSY" && d.Peer.Name.StartsWith("Local/busy@", StringComparison.Ordinal));

        // Ordinary calls ring out after RingTimeoutSeconds (4 s here); an emergency call rings on.
        await Controller.Ari.RingAsync(emergency.Channel.Id);
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Equal(emergency.Channel.Id, (await Controller.Ari.GetChannelAsync(emergency.Channel.Id)).Id);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<ChannelDestroyed>(), e => e.Channel.Id == call.Phone);

        await Controller.Ari.AnswerAsync(emergency.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);
        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CongestedFirstRoute_FallsOverToTheNextGrantedRoute_WithItsCallerId()
    {
        var call = await Controller.PlaceCallAsync("2001", "6555123"); // Primary is congested

        var carrier = await Controller.WaitForRingingAtAsync("6555123");
        Assert.Equal("5550100", carrier.Channel.Caller.Number);
        Assert.Contains(Controller.Events.Snapshot().OfType<ChannelDestroyed>(), e => e.Channel.Name.StartsWith("Local/congestion@", StringComparison.Ordinal));
        await Controller.Ari.AnswerAsync(carrier.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task EveryRouteFailing_CallerGetsTheLastFailure()
    {
        var call = await Controller.PlaceCallAsync("2001", "6555123");
        var carrier = await Controller.WaitForRingingAtAsync("6555123");
        await Controller.Ari.HangupAsync(carrier.Channel.Id, 34); // the second route is congested too

        Assert.Equal(34, (await Controller.WaitForHangupAsync(call.Phone)).Cause);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ContextRoute_HandsTheCallToTheDialplanWithTheGroupsCallerId_AndRestoresItOnReturn()
    {
        var call = await Controller.PlaceCallAsync("4001", "0555123");

        var handedBack = await Controller.Events.WaitForAsync<StasisStart>(e => e.Application == "phonegroups-sim" && e.Args.Count == 2 && e.Args[0] == "route");
        Assert.Equal(call.Call, handedBack.Channel.Id); // the caller's own channel, not a new leg
        Assert.Equal("0555123", handedBack.Args[1]);
        Assert.Equal("5550200", handedBack.Channel.Caller.Number);

        // The dialplan sends it to the controller again (as a call to 2001): it is 4001 again.
        await Controller.Ari.ContinueAsync(handedBack.Channel.Id);
        var callee = await Controller.WaitForRingingAtAsync("2001");
        Assert.Equal("4001", callee.Channel.Caller.Number);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ContextRoute_WhoseDialplanSendsTheCallStraightBack_IsDecidedAgain_AsTheCaller()
    {
        // The channel re-enters Stasis() within a millisecond of the controller's continue: a new call, never
        // one the old call (still waiting for its continue's answer) swallows.
        var call = await Controller.PlaceCallAsync("4001", "085512345");

        var callee = await Controller.WaitForRingingAtAsync("2001", TimeSpan.FromSeconds(10));
        Assert.Equal("4001", callee.Channel.Caller.Number); // the caller ID it had before the route is back

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    private void AssertNothingDialed(string number) =>
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<StasisStart>(), e => e.Application == "phonegroups-sim" && e.Args.Contains(number));
}
