using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Ari;

/// <summary>The ARI client against the real Asterisk: events, call control and typed errors.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class AriClientTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    // The phonegroups-sim context sends any number into this application (asterisk-conf/extensions.conf).
    private const string App = "phonegroups-sim";

    public Task InitializeAsync()
    {
        asterisk.EnsureStarted();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => asterisk.CleanUpAndAssertNothingLeftAsync();

    [Fact]
    public async Task LocalCall_IntoStasis_IsAnsweredPlayedBridgedAndHungUp()
    {
        await using var connection = await asterisk.ConnectAsync(App);
        using var events = new EventRecorder(connection.Events);
        var client = asterisk.Client;

        // The ;2 half runs the dialplan: Stasis(phonegroups-sim,2001). The ;1 half is ours once answered.
        var callerId = "it-caller-" + Guid.NewGuid().ToString("N")[..8];
        await client.OriginateAsync(new OriginateRequest("Local/2001@phonegroups-sim")
        {
            App = App,
            AppArgs = "caller-side",
            CallerId = "1001",
            ChannelId = callerId,
            OtherChannelId = callerId + "-2",
        });
        var inbound = await events.WaitForAsync<StasisStart>(e => e.Channel.Id == callerId + "-2");
        Assert.Equal(["2001"], inbound.Args);
        Assert.Equal("1001", inbound.Channel.Caller.Number);

        await client.AnswerAsync(inbound.Channel.Id);
        await events.WaitForAsync<StasisStart>(e => e.Channel.Id == callerId && e.Args.SequenceEqual(["caller-side"]));

        var playback = await client.PlayAsync(inbound.Channel.Id, ["sound:ss-noservice"], "en", "it-play-" + callerId);
        var finished = await events.WaitForAsync<PlaybackFinished>(e => e.Playback.Id == playback.Id);
        Assert.Equal("done", finished.Playback.State);

        // A second channel, created with an id chosen before the request, then dialed.
        var calleeId = "it-callee-" + Guid.NewGuid().ToString("N")[..8];
        await client.CreateChannelAsync(new CreateChannelRequest("Local/answer@phonegroups-sim", App) { ChannelId = calleeId, OtherChannelId = calleeId + "-2" });
        await events.WaitForAsync<StasisStart>(e => e.Channel.Id == calleeId); // dial is refused before this
        await client.DialAsync(calleeId, inbound.Channel.Id, timeoutSeconds: 10);
        await events.WaitForAsync<Dial>(e => e.Peer.Id == calleeId && e.DialStatus == "ANSWER");

        var bridge = await client.CreateBridgeAsync("it-bridge-" + callerId);
        await client.AddChannelsAsync(bridge.Id, [inbound.Channel.Id, calleeId]);
        await events.WaitForAsync<ChannelEnteredBridge>(e => e.Channel.Id == calleeId);
        Assert.Equal(2, (await client.GetBridgeAsync(bridge.Id)).Channels.Count);

        Assert.True(await client.HangupAsync(calleeId, 16));
        Assert.True(await client.HangupAsync(inbound.Channel.Id, 16));
        await events.WaitForAsync<ChannelDestroyed>(e => e.Channel.Id == calleeId);
        Assert.True(await client.DestroyBridgeAsync(bridge.Id));
    }

    [Fact]
    public async Task GetChannel_UnknownId_ThrowsNotFoundWithAsterisksMessage()
    {
        var error = await Assert.ThrowsAsync<AriNotFoundException>(() => asterisk.Client.GetChannelAsync("no-such-channel"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Status);
        Assert.Contains("Channel not found", error.AsteriskMessage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("phonegroups:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teardown_OfWhatIsAlreadyGone_ReturnsFalseInsteadOfThrowing()
    {
        Assert.False(await asterisk.Client.HangupAsync("no-such-channel"));
        Assert.False(await asterisk.Client.DestroyBridgeAsync("no-such-bridge"));
        Assert.False(await asterisk.Client.StopPlaybackAsync("no-such-playback"));
    }

    [Fact]
    public async Task ChannelOutsideStasis_AnswerIs409_AddToBridgeIs422_DuplicateBridgeIs409()
    {
        var client = asterisk.Client;
        var id = "it-outside-" + Guid.NewGuid().ToString("N")[..8];
        await client.OriginateAsync(new OriginateRequest("Local/ring@phonegroups-sim") { Extension = "ring", Context = "phonegroups-sim", ChannelId = id, OtherChannelId = id + "-2" });
        var bridge = await client.CreateBridgeAsync("it-bridge-" + id);

        var answer = await Assert.ThrowsAsync<AriConflictException>(() => client.AnswerAsync(id));
        Assert.Contains("not in Stasis", answer.AsteriskMessage, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<AriUnprocessableException>(() => client.AddChannelsAsync(bridge.Id, [id]));
        await Assert.ThrowsAsync<AriConflictException>(() => client.CreateBridgeAsync(bridge.Id));
    }

    [Fact]
    public async Task Sounds_ListLanguagesAndFormats_AndUnknownSoundIsNull()
    {
        var sound = await asterisk.Client.GetSoundAsync("ss-noservice");
        Assert.NotNull(sound);
        Assert.Contains(sound.Formats, f => f.Language == "en");
        Assert.Null(await asterisk.Client.GetSoundAsync("no-such-sound-anywhere"));
    }

    [Fact]
    public async Task EndpointsAndInfo_DescribeTheDemoPbx()
    {
        var endpoints = await asterisk.Client.ListEndpointsAsync("PJSIP");
        Assert.Contains(endpoints, e => e.Resource == "1001");
        var info = await asterisk.Client.GetInfoAsync();
        Assert.StartsWith("22.", info.System?.Version, StringComparison.Ordinal);
        await asterisk.Client.PingAsync();
    }
}
