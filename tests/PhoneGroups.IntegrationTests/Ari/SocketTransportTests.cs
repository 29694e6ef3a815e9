using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Rest;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Ari;

/// <summary>
/// REST requests on the events WebSocket (Ari:RestTransport = WebSocket, the default) against the real Asterisk:
/// a whole call set up and torn down, and Asterisk's refusals, with not one request over HTTP.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class SocketTransportTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private const string App = "phonegroups-sim";

    private readonly CountingHandler _http = new();
    private AriEventConnection _events = null!;
    private AriRestClient _client = null!;

    public async Task InitializeAsync()
    {
        asterisk.EnsureStarted();
        var options = Options.Create(AsteriskFixture.Options(App));
        Assert.Equal(AriRestTransport.WebSocket, options.Value.RestTransport);
        _events = new AriEventConnection(options, NullLogger<AriEventConnection>.Instance);
        _client = new AriRestClient(new HttpClient(_http), options, NullLogger<AriRestClient>.Instance, ownsHttp: true, events: _events);
        _events.Start();
        await _events.WaitForStateAsync(s => s.IsConnected, TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_events.CarriesRequests && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(_events.CarriesRequests, "Asterisk 22.10 did not answer the REST request sent on the events WebSocket");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _events.DisposeAsync();
        await asterisk.CleanUpAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task LocalCall_AnsweredVariablesPlayedDialedBridgedAndHungUp_AllOnTheSocket()
    {
        using var events = new EventRecorder(_events.Events);
        var callerId = "it-ws-caller-" + Guid.NewGuid().ToString("N")[..8];
        var originated = await _client.OriginateAsync(new OriginateRequest("Local/2001@phonegroups-sim")
        {
            App = App,
            AppArgs = "caller-side",
            CallerId = "1001",
            ChannelId = callerId,
            OtherChannelId = callerId + "-2",
            Variables = new Dictionary<string, string> { ["IT_VARIABLE"] = "a value, with a comma & more" },
        });
        Assert.Equal(callerId, originated.Id);
        var inbound = await events.WaitForAsync<StasisStart>(e => e.Channel.Id == callerId + "-2");
        Assert.Equal(["2001"], inbound.Args);

        await _client.AnswerAsync(inbound.Channel.Id);
        await events.WaitForAsync<StasisStart>(e => e.Channel.Id == callerId && e.Args.SequenceEqual(["caller-side"]));
        Assert.Equal("a value, with a comma & more", await _client.GetVariableAsync(callerId, "IT_VARIABLE"));
        await _client.SetVariableAsync(inbound.Channel.Id, "CALLERID(num)", "+49 30 1234");
        Assert.Equal("+49 30 1234", await _client.GetVariableAsync(inbound.Channel.Id, "CALLERID(num)"));

        var playback = await _client.PlayAsync(inbound.Channel.Id, ["sound:ss-noservice"], "en", "it-ws-play-" + callerId);
        Assert.Equal("done", (await events.WaitForAsync<PlaybackFinished>(e => e.Playback.Id == playback.Id)).Playback.State);

        var calleeId = "it-ws-callee-" + Guid.NewGuid().ToString("N")[..8];
        var created = await _client.CreateChannelAsync(new CreateChannelRequest("Local/answer@phonegroups-sim", App)
        {
            ChannelId = calleeId,
            OtherChannelId = calleeId + "-2",
            Variables = new Dictionary<string, string> { ["CONNECTEDLINE(num,i)"] = "2001" },
        });
        Assert.Equal(calleeId, created.Id);
        await events.WaitForAsync<StasisStart>(e => e.Channel.Id == calleeId);
        await _client.DialAsync(calleeId, inbound.Channel.Id, timeoutSeconds: 10);
        await events.WaitForAsync<Dial>(e => e.Peer.Id == calleeId && e.DialStatus == "ANSWER");

        var bridge = await _client.CreateBridgeAsync("it-ws-bridge-" + callerId, "mixing", "phonegroups:it:" + callerId);
        await _client.AddChannelsAsync(bridge.Id, [inbound.Channel.Id, calleeId]); // "a,b" in one query value
        await events.WaitForAsync<ChannelEnteredBridge>(e => e.Channel.Id == calleeId);
        var listed = Assert.Single(await _client.ListBridgesAsync(), b => b.Id == bridge.Id);
        Assert.Equal("phonegroups:it:" + callerId, listed.Name);
        Assert.Equal(2, (await _client.GetBridgeAsync(bridge.Id)).Channels.Count);

        Assert.True(await _client.HangupAsync(calleeId, 16));
        Assert.True(await _client.HangupAsync(inbound.Channel.Id, 16));
        await events.WaitForAsync<ChannelDestroyed>(e => e.Channel.Id == calleeId);
        Assert.True(await _client.DestroyBridgeAsync(bridge.Id));

        Assert.Equal(0, _http.Requests);
    }

    [Fact]
    public async Task Refusals_AreTheExceptionsOfHttp_AndTeardownOfWhatIsGoneIsFalse()
    {
        var notFound = await Assert.ThrowsAsync<AriNotFoundException>(() => _client.GetChannelAsync("no-such-channel"));
        Assert.Contains("Channel not found", notFound.AsteriskMessage, StringComparison.OrdinalIgnoreCase);
        Assert.False(await _client.HangupAsync("no-such-channel"));
        Assert.False(await _client.DestroyBridgeAsync("no-such-bridge"));
        Assert.False(await _client.StopPlaybackAsync("no-such-playback"));
        Assert.Null(await _client.GetSoundAsync("no-such-sound-anywhere"));
        Assert.Contains((await _client.GetSoundAsync("ss-noservice"))!.Formats, f => f.Language == "en");

        var id = "it-ws-outside-" + Guid.NewGuid().ToString("N")[..8];
        await _client.OriginateAsync(new OriginateRequest("Local/ring@phonegroups-sim") { Extension = "ring", Context = "phonegroups-sim", ChannelId = id, OtherChannelId = id + "-2" });
        var bridge = await _client.CreateBridgeAsync("it-ws-bridge-" + id);
        var answer = await Assert.ThrowsAsync<AriConflictException>(() => _client.AnswerAsync(id));
        Assert.Contains("not in Stasis", answer.AsteriskMessage, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<AriUnprocessableException>(() => _client.AddChannelsAsync(bridge.Id, [id]));
        await Assert.ThrowsAsync<AriConflictException>(() => _client.CreateBridgeAsync(bridge.Id));
        Assert.True(await _client.ConfigObjectExistsAsync("res_pjsip", "endpoint", "1001"));
        Assert.False(await _client.ConfigObjectExistsAsync("res_pjsip", "endpoint", "no-such-endpoint"));
        Assert.StartsWith("22.", (await _client.GetInfoAsync()).System?.Version, StringComparison.Ordinal);

        Assert.Equal(0, _http.Requests);
    }

    /// <summary>Counts what goes over HTTP (nothing should), and passes it on so a failure shows what went wrong.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
