using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Custom call handling: denied calls handed to the admin's dialplan context with the reason.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class DenialContextTests(AsteriskFixture asterisk)
    : ControllerTest(asterisk, settings: ["--Calls:DenialContext", "phonegroups-sim-denied"])
{
    [Fact]
    public async Task DeniedCall_GoesToTheDenialContext_WithTheReason_InsteadOfThePrompt()
    {
        var call = await Controller.PlaceCallAsync("1001", "2001"); // Finance is isolated

        var denied = await Controller.Events.WaitForAsync<StasisStart>(e => e.Application == "phonegroups-sim" && e.Args.Count == 3 && e.Args[0] == "denied");
        Assert.Equal(call.Call, denied.Channel.Id);
        Assert.Equal(["denied", "2001", "isolation"], denied.Args);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<PlaybackStarted>(), e => e.Playback.TargetUri == $"channel:{call.Call}");

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }
}
