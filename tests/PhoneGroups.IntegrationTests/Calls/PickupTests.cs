using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Call pickup: *8 for the group, **EXT for one extension, and pickup isolation.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class PickupTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private ControllerHarness _controller = null!;

    public async Task InitializeAsync() => _controller = await ControllerHarness.StartAsync(asterisk, ringTimeoutSeconds: 30);

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        await asterisk.CleanUpAndAssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("*8")]
    [InlineData("**2002")]
    public async Task PickupInsideTheGroup_BridgesThePickerWithTheCaller_AndStopsTheRinging(string code)
    {
        var call = await _controller.PlaceCallAsync("2001", "2002");
        var ringing = await _controller.WaitForRingingAtAsync("2002");
        await _controller.Ari.RingAsync(ringing.Channel.Id);
        await WaitUntilTheCallerHearsRingingAsync(call);

        var picker = await _controller.PlaceCallAsync("2003", code);

        var bridged = await _controller.WaitForBridgedAsync(picker.Call);
        Assert.Contains(call.Call, bridged.Bridge.Channels);
        Assert.Equal(26, (await _controller.WaitForHangupAsync(ringing.Channel.Id)).Cause); // answered elsewhere

        await _controller.Ari.HangupAsync(call.Phone);
        await _controller.WaitForHangupAsync(picker.Phone);
        await _controller.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("2003", "**1002", "2001", "1002")] // Finance is pickup-isolated: outsiders may not take its calls
    [InlineData("1001", "**2002", "2001", "2002")] // nor may its members take other groups' calls
    public async Task PickupAcrossAPickupIsolatedGroup_IsDenied_AndTheCallKeepsRinging(string pickerNumber, string code, string from, string to)
    {
        var call = await _controller.PlaceCallAsync(from, to);
        var ringing = await _controller.WaitForRingingAtAsync(to);
        await _controller.Ari.RingAsync(ringing.Channel.Id);
        await WaitUntilTheCallerHearsRingingAsync(call);

        var picker = await _controller.PlaceCallAsync(pickerNumber, code);

        await _controller.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{picker.Call}");
        Assert.Equal(21, (await _controller.WaitForHangupAsync(picker.Phone, TimeSpan.FromSeconds(20))).Cause);
        var channels = await _controller.Ari.ListChannelsAsync();
        Assert.Contains(channels, c => c.Id == ringing.Channel.Id); // still ringing for its callee

        await _controller.Ari.HangupAsync(call.Phone);
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task PickupWithNothingRinging_IsDenied()
    {
        var picker = await _controller.PlaceCallAsync("2003", "*8");

        Assert.Equal(21, (await _controller.WaitForHangupAsync(picker.Phone, TimeSpan.FromSeconds(20))).Cause);
        await _controller.AssertNothingLeftAsync();
    }

    private Task WaitUntilTheCallerHearsRingingAsync(PlacedCall call) =>
        _controller.Events.WaitForAsync<ChannelStateChange>(e => e.Channel.Id == call.Phone && e.Channel.State == "Ringing");
}
