using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Call pickup: *8 for the group, **EXT for one extension, and pickup isolation.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class PickupTests(AsteriskFixture asterisk) : ControllerTest(asterisk, ringTimeoutSeconds: 30)
{
    [Theory]
    [InlineData("*8")]
    [InlineData("**2002")]
    public async Task PickupInsideTheGroup_BridgesThePickerWithTheCaller_AndStopsTheRinging(string code)
    {
        var call = await Controller.PlaceCallAsync("2001", "2002");
        var ringing = await Controller.WaitForRingingAtAsync("2002");
        await Controller.Ari.RingAsync(ringing.Channel.Id);
        await WaitUntilTheCallerHearsRingingAsync(call);

        var picker = await Controller.PlaceCallAsync("2003", code);

        var bridged = await Controller.WaitForBridgedAsync(picker.Call);
        Assert.Contains(call.Call, bridged.Bridge.Channels);
        Assert.Equal(26, (await Controller.WaitForHangupAsync(ringing.Channel.Id)).Cause); // answered elsewhere

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.WaitForHangupAsync(picker.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("2003", "**1002", "2001", "1002")] // Finance is pickup-isolated: outsiders may not take its calls
    [InlineData("1001", "**2002", "2001", "2002")] // nor may its members take other groups' calls
    public async Task PickupAcrossAPickupIsolatedGroup_IsDenied_AndTheCallKeepsRinging(string pickerNumber, string code, string from, string to)
    {
        var call = await Controller.PlaceCallAsync(from, to);
        var ringing = await Controller.WaitForRingingAtAsync(to);
        await Controller.Ari.RingAsync(ringing.Channel.Id);
        await WaitUntilTheCallerHearsRingingAsync(call);

        var picker = await Controller.PlaceCallAsync(pickerNumber, code);

        await Controller.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{picker.Call}");
        Assert.Equal(21, (await Controller.WaitForHangupAsync(picker.Phone, TimeSpan.FromSeconds(20))).Cause);
        var channels = await Controller.Ari.ListChannelsAsync();
        Assert.Contains(channels, c => c.Id == ringing.Channel.Id); // still ringing for its callee

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task PickupWithNothingRinging_IsDenied()
    {
        var picker = await Controller.PlaceCallAsync("2003", "*8");

        Assert.Equal(21, (await Controller.WaitForHangupAsync(picker.Phone, TimeSpan.FromSeconds(20))).Cause);
        await Controller.AssertNothingLeftAsync();
    }

    private Task WaitUntilTheCallerHearsRingingAsync(PlacedCall call) =>
        Controller.Events.WaitForAsync<ChannelStateChange>(e => e.Channel.Id == call.Phone && e.Channel.State == "Ringing");
}
