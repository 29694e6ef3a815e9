using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Stopping the controller (Ctrl-C, SIGTERM) on a live PBX.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class ShutdownTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    [Fact]
    public async Task Stopping_LeavesBridgedCallsUp_AndNewCallsGetTheDialplansFallback()
    {
        var call = await Controller.PlaceCallAsync("2001", "2002");
        var callee = await Controller.WaitForRingingAtAsync("2002");
        await Controller.Ari.AnswerAsync(callee.Channel.Id);
        var bridged = await Controller.WaitForBridgedAsync(call.Call);

        await Controller.StopControllerAsync();

        // The conversation goes on without the controller.
        var bridge = await Controller.Ari.GetBridgeAsync(bridged.Bridge.Id);
        Assert.Equal(2, bridge.Channels.Count);
        Assert.Contains(call.Call, bridge.Channels);

        // A new call is not dropped: the dialplan tells the caller and rejects it with cause 41.
        var next = await Controller.PlaceCallAsync("2001", "2002");
        await Controller.Events.WaitForAsync<UnknownAriEvent>(e => e.Type == "ChannelDialplan"
            && e.Json.Contains($"\"id\":\"{next.Call}\"", StringComparison.Ordinal)
            && e.Json.Contains("\"dialplan_app_data\":\"phonegroups-unavailable", StringComparison.Ordinal));
        Assert.Equal(41, (await Controller.WaitForHangupAsync(next.Phone, TimeSpan.FromSeconds(20))).Cause);

        await Controller.Ari.HangupAsync(call.Phone);
    }
}
