using PhoneGroups.Calls;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Forwards;

/// <summary>
/// A phone the controller rings answers SIP 302 (SIPp, forward-call.xml): the forward is decided as the
/// forwarder (the phone's extension) calling the target, on the real Asterisk.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class ForwardTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "forwards.yaml")
{
    private const string Sales2001 = "127.0.0.21";
    private const string Sales2002 = "127.0.0.22";
    private const string Lobby3001 = "127.0.0.31";

    [Fact]
    public async Task ForwardByAnExtensionWithTheRoute_ReachesTheTarget_WithTheForwardersCallerId_ThoughTheCallerMayNotCallOut()
    {
        await using var forwarder = await SippPhone.ForwardAsync(Sales2001, "5551234");
        var call = await Controller.PlaceCallAsync("3002", "2001"); // Lobby: internal calls only

        var target = await Controller.WaitForRingingAtAsync("5551234", TimeSpan.FromSeconds(15));
        Assert.Equal("5550100", target.Channel.Caller.Number); // Sales' caller ID: the forwarder's group
        await forwarder.AssertSucceededAsync();
        await Controller.Ari.AnswerAsync(target.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.WaitForHangupAsync(target.Channel.Id);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ForwardByAnExtensionThatMayNotCallTheTarget_TheCallerGetsCause21_AndNothingIsDialed()
    {
        await using var forwarder = await SippPhone.ForwardAsync(Lobby3001, "5551234");
        var call = await Controller.PlaceCallAsync("4001", "3001"); // Support itself may call 5551234

        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        await forwarder.AssertSucceededAsync();
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<PhoneGroups.Ari.Events.StasisStart>(), e => e.Args.Contains("5551234"));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ForwardLoop_EndsWithCause25_AfterEachPhoneRangOnce()
    {
        await using var first = await SippPhone.ForwardAsync(Sales2001, "2002");
        await using var second = await SippPhone.ForwardAsync(Sales2002, "2001");
        var call = await Controller.PlaceCallAsync("4001", "2001");

        Assert.Equal(HangupCauses.ExchangeRoutingError, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        await first.AssertSucceededAsync();
        await second.AssertSucceededAsync();
        await Controller.AssertNothingLeftAsync();
    }
}
