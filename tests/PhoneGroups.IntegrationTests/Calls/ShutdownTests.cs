using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Stopping the controller (Ctrl-C, SIGTERM) on a live PBX.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class ShutdownTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private ControllerHarness _controller = null!;

    public async Task InitializeAsync() => _controller = await ControllerHarness.StartAsync(asterisk);

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        await asterisk.CleanUpAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task Stopping_LeavesBridgedCallsUp_AndNewCallsGetTheDialplansFallback()
    {
        var call = await _controller.PlaceCallAsync("2001", "2002");
        var callee = await _controller.WaitForRingingAtAsync("2002");
        await _controller.Ari.AnswerAsync(callee.Channel.Id);
        var bridged = await _controller.WaitForBridgedAsync(call.Call);

        await _controller.StopControllerAsync();

        // The conversation goes on without the controller.
        var bridge = await _controller.Ari.GetBridgeAsync(bridged.Bridge.Id);
        Assert.Equal(2, bridge.Channels.Count);
        Assert.Contains(call.Call, bridge.Channels);

        // A new call is not dropped: the dialplan tells the caller and rejects it with cause 41.
        var next = await _controller.PlaceCallAsync("2001", "2002");
        await _controller.Events.WaitForAsync<UnknownAriEvent>(e => e.Type == "ChannelDialplan"
            && e.Json.Contains($"\"id\":\"{next.Call}\"", StringComparison.Ordinal)
            && e.Json.Contains("\"dialplan_app_data\":\"phonegroups-unavailable", StringComparison.Ordinal));
        Assert.Equal(41, (await _controller.WaitForHangupAsync(next.Phone, TimeSpan.FromSeconds(20))).Cause);

        await _controller.Ari.HangupAsync(call.Phone);
    }
}
