using Microsoft.Extensions.Logging;
using NSubstitute;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Calls;

namespace PhoneGroups.Tests.Calls;

/// <summary>A callee's SIP 302 (a Dial event with <c>forward</c>) is decided as the forwarder, never as the caller.</summary>
public sealed class ForwardTests : IAsyncLifetime
{
    private const string Policy = """
        version: 1
        groups:
          - name: Sales
            members: ["2001", "2002"]
            routes: [{ name: Out, callerId: "5550100" }]
          - name: Lobby
            isolated: true
            allow: ["_2XXX", "_3XXX"]
            members: ["3001", "3002"]
        routes:
          - name: Out
            patterns: ["_5XXXXXX"]
            dial: "PJSIP/{number}@trunk-a"
        """;

    private readonly ControllerUnderTest _sut = new(Policy);

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task Forward_ByAnExtensionWhoseGroupHasTheRoute_DialsOutWithTheForwardersCallerId_ThoughTheCallerCouldNot()
    {
        _sut.Asterisk.CallEnters("A", "3001", "2001"); // Lobby may call 2001, never out
        await RingingAsync("A-leg1", "PJSIP/2001");

        Forward("A-leg1", "5551234");

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(
            Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg2" && r.Endpoint == "PJSIP/5551234@trunk-a" && r.Variables!["CONNECTEDLINE(num,i)"] == "5550100"),
            Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("Call A: forward by 2001 (group Sales) to 5551234: allow (route-granted)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forward_ByAnExtensionThatMayNotCallTheTarget_PlaysTheDenialToTheCaller_ThenCause21()
    {
        _sut.Ari.PlayAsync(default!, default!).ReturnsForAnyArgs(new Playback { Id = "A-denial" });
        _sut.Asterisk.CallEnters("A", "2002", "3001"); // Sales could call 5551234 itself
        await RingingAsync("A-leg1", "PJSIP/3001");

        Forward("A-leg1", "5551234");

        await Eventually.Async(() => _sut.Ari.Received().PlayAsync("A", Arg.Any<IReadOnlyList<string>>(), Arg.Any<string?>(), "A-denial", Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg2"), Arg.Any<CancellationToken>());
        _sut.Asterisk.Destroyed("A-leg1"); // the forwarding leg ends during the prompt: the caller still gets its cause
        _sut.Asterisk.Send(new PlaybackFinished { Type = nameof(PlaybackFinished), Application = CallPipelineTests.App, Playback = new Playback { Id = "A-denial", State = "done", TargetUri = "channel:A" } });
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", 21, Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("forward by 3001 (group Lobby) to 5551234: deny", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForwardLoop_EndsTheCallWithCause25_WithoutRingingTheFirstPhoneAgain()
    {
        _sut.Asterisk.CallEnters("A", "2002", "2001");
        await RingingAsync("A-leg1", "PJSIP/2001");
        Forward("A-leg1", "3001");
        await RingingAsync("A-leg2", "PJSIP/3001");

        Forward("A-leg2", "2001");

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", HangupCauses.ExchangeRoutingError, Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg3"), Arg.Any<CancellationToken>());
        Assert.Contains(_sut.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("forward by 3001 to 2001 refused (forward-loop: 2001 -> 3001)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forward_ThatArrivesAgainForTheAbandonedLeg_IsIgnored()
    {
        _sut.Asterisk.CallEnters("A", "3001", "2001");
        await RingingAsync("A-leg1", "PJSIP/2001");
        Forward("A-leg1", "3002");
        await RingingAsync("A-leg2", "PJSIP/3002");

        Forward("A-leg1", "5551234"); // Asterisk raises the forward at every wake-up of the dying leg
        _sut.Asterisk.Destroyed("A-leg1");

        await _sut.InState("A", "Dialing");
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg3"), Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CallerHangsUpWhileTheForwardTargetRings_EveryLegIsHungUp()
    {
        _sut.Asterisk.CallEnters("A", "3001", "2001");
        await RingingAsync("A-leg1", "PJSIP/2001");
        Forward("A-leg1", "3002");
        await RingingAsync("A-leg2", "PJSIP/3002");

        _sut.Asterisk.Destroyed("A");

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg2", 16, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task ForwardWhoseTargetAsteriskDidNotReport_IsNotFollowed_AndSaysSo()
    {
        _sut.Asterisk.CallEnters("A", "3001", "2001");
        await RingingAsync("A-leg1", "PJSIP/2001");

        _sut.Asterisk.Destroyed("A-leg1", HangupCauses.RedirectedToNewDestination);

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", HangupCauses.RedirectedToNewDestination, Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg2"), Arg.Any<CancellationToken>());
        Assert.Contains(_sut.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Call A: 2001 forwarded the call (302), but Asterisk reported no target", StringComparison.Ordinal));
    }

    [Fact]
    public void Chain_RefusesLoopsAndMoreThanMaxHops()
    {
        var chain = ForwardChain.StartingAt("2001");
        Assert.Equal("forward-loop", chain.RefusalFor("2001"));
        for (var hop = 1; hop <= ForwardChain.MaxHops; hop++)
        {
            Assert.Null(chain.RefusalFor($"30{hop:00}"));
            chain = chain.Then($"30{hop:00}");
        }

        Assert.Equal("forward-too-many", chain.RefusalFor("4001"));
    }

    private async Task RingingAsync(string legId, string endpoint)
    {
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == legId && r.Endpoint == endpoint), Arg.Any<CancellationToken>()));
        _sut.Asterisk.LegEnters(legId);
        _sut.DialStatus(legId, "A", "RINGING");
    }

    /// <summary>What Asterisk raises when the leg's phone answers 302: dial status CANCEL with the Contact's user as <c>forward</c>, no caller.</summary>
    private void Forward(string legId, string target) => _sut.Asterisk.Send(new Dial
    {
        Type = nameof(Dial),
        Application = CallPipelineTests.App,
        Peer = new Channel { Id = legId },
        DialStatus = "CANCEL",
        Forward = target,
    });
}
