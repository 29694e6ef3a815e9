using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>What a new process (or a reconnected one) does with what Asterisk holds for the application.</summary>
public sealed class RecoveryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ControllerUnderTest _sut;

    public RecoveryTests() => _sut = new ControllerUnderTest(time: _time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task BridgedCallOfAnEarlierProcess_IsAdopted_AndEndsWhenOneSideHangsUp()
    {
        Holds([InApp("A"), InApp("A-leg1")], [new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A", "A-leg1"] }]);
        await _sut.StartAsync();
        await _sut.InState("A", "Bridged");

        _sut.Asterisk.Destroyed("A");

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
        _sut.Asterisk.Destroyed("A-leg1");
        await Eventually.Async(() => _sut.Ari.Received().DestroyBridgeAsync("A-bridge", Arg.Any<CancellationToken>()));
        await Eventually.True(() => _sut.Controller.ActiveCalls == 0);
    }

    [Fact]
    public async Task HalfABridge_IsHungUp_AndTheBridgeDestroyed()
    {
        Holds([InApp("A")], [new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A"] }]);
        await _sut.StartAsync();

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", 16, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().DestroyBridgeAsync("A-bridge", Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task OtherApplicationsBridgesAndChannels_AreNotTouched()
    {
        Holds([InApp("X", "other-app"), InApp("Y", "other-app")], [new Bridge { Id = "X-bridge", Name = "phonegroups:other-app:X", Channels = ["X", "Y"] }]);
        await _sut.StartAsync();
        _time.Advance(TimeSpan.FromSeconds(2)); // past the wait for events in flight, were there one

        // Nothing is expected to happen, so wait for the pass to be over: passes run one after the other, and the
        // next one (after a reconnect) lists the channels only once the first has done all it would.
        _sut.Asterisk.Reconnected();
        await Eventually.Async(() => _sut.Ari.Received(2).ListChannelsAsync(Arg.Any<CancellationToken>()));

        await _sut.Ari.DidNotReceiveWithAnyArgs().HangupAsync(default!);
        await _sut.Ari.DidNotReceiveWithAnyArgs().DestroyBridgeAsync(default!);
        Assert.Equal(0, _sut.Controller.ActiveCalls);
    }

    [Fact]
    public async Task RingingLegNobodyControls_IsHungUp_AndItsCallerIsDecidedAgain()
    {
        var caller = InApp("A", args: "2002") with { ChannelVars = new() { ["PHONEGROUPS_CALLER"] = "2001", ["PHONEGROUPS_ORIGINAL_CALLERID"] = "" }, Name = "Local/2002@phonegroups-test-0001;2" };
        Holds([caller, InApp("A-leg1")], []);
        await _sut.StartAsync();

        // Recovery first lets events in flight arrive (a second of its clock).
        await Eventually.Async(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            return _sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>());
        });
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg2" && r.Endpoint == "PJSIP/2002"), Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task AfterAReconnect_ChannelsGoneDuringTheOutage_EndTheirCalls()
    {
        await _sut.StartAsync();
        _sut.Asterisk.CallEnters("A", "2001", "2002");
        _sut.Asterisk.LegEnters("A-leg1");
        _sut.DialStatus("A-leg1", "A", "ANSWER");
        await _sut.InState("A", "Bridged");

        // During the outage the caller hung up; Asterisk still has the callee.
        Holds([InApp("A-leg1")], [new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A-leg1"] }]);
        _sut.Asterisk.Reconnected();

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task BridgeThatCannotBeDestroyed_IsLogged_AndRecoveryGoesOnWithTheNextBridge_AndThePipelineLives()
    {
        Holds([InApp("A"), InApp("B")], [
            new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A"] },
            new Bridge { Id = "B-bridge", Name = "phonegroups:phonegroups:B", Channels = ["B"] },
        ]);
        _sut.Ari.DestroyBridgeAsync("A-bridge", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<bool>(new AriException("DELETE", "bridges/A-bridge", new TimeoutException("no answer within 10 s"))));
        await _sut.StartAsync();

        await Eventually.Async(() => _sut.Ari.Received().DestroyBridgeAsync("B-bridge", Arg.Any<CancellationToken>()));
        await Eventually.True(() => _sut.Log.Lines.Any(l => l.Message.Contains("A-bridge", StringComparison.Ordinal) && l.Message.Contains("no answer within 10 s", StringComparison.Ordinal)));
        Assert.True(_sut.Pipeline.IsRunning);
    }

    [Fact]
    public async Task AdoptedPartyThatCannotBeChecked_StaysAdopted_AndThePipelineLives()
    {
        Holds([InApp("A"), InApp("A-leg1")], [new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A", "A-leg1"] }]);
        _sut.Ari.GetChannelAsync("A", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Channel>(new AriException("GET", "channels/A", new HttpRequestException("connection reset"))));
        await _sut.StartAsync();
        await _sut.InState("A", "Bridged");
        await Eventually.Async(() => _sut.Ari.Received().GetChannelAsync("A-leg1", Arg.Any<CancellationToken>()));

        _sut.Asterisk.Destroyed("A"); // still in charge: the other side goes
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
        Assert.True(_sut.Pipeline.IsRunning);
    }

    [Fact]
    public async Task AfterAReconnect_ALegThatAnsweredDuringTheOutage_IsBridged_NotLeftRinging()
    {
        await _sut.StartAsync();
        _sut.Asterisk.CallEnters("A", "2001", "2002");
        _sut.Asterisk.LegEnters("A-leg1");
        await Eventually.Async(() => _sut.Ari.Received().DialAsync("A-leg1", "A", 0, Arg.Any<CancellationToken>()));

        // The callee answered while the events socket was down: its Dial and state events were lost.
        Holds([InApp("A") with { State = "Ring" }, InApp("A-leg1")], []);
        _sut.Asterisk.Reconnected();

        await _sut.InState("A", "Bridged");
        await _sut.BridgedTogether("A-bridge", "A", "A-leg1");
    }

    [Fact]
    public async Task AfterAReconnect_ADenialPromptThatEndedDuringTheOutage_RejectsTheCaller_NotLeftInSilence()
    {
        await _sut.StartAsync();
        _sut.Asterisk.CallEnters("A", "1001", "2001"); // Finance is isolated: denied
        await _sut.InState("A", "Denying");

        _sut.Ari.PlaybackExistsAsync("A-denial", Arg.Any<CancellationToken>()).Returns(false); // its PlaybackFinished was lost
        Holds([InApp("A") with { State = "Ring" }], []);
        _sut.Asterisk.Reconnected();

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", 21, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task AfterAReconnect_ADenialPromptStillPlaying_PlaysOn()
    {
        await _sut.StartAsync();
        _sut.Asterisk.CallEnters("A", "1001", "2001");
        await _sut.InState("A", "Denying");

        _sut.Ari.PlaybackExistsAsync("A-denial", Arg.Any<CancellationToken>()).Returns(true);
        Holds([InApp("A") with { State = "Ring" }], []);
        _sut.Asterisk.Reconnected();

        await Eventually.Async(() => _sut.Ari.Received().PlaybackExistsAsync("A-denial", Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Denying");
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TransfererLeftOutsideItsCallsBridge_AfterACrash_IsHungUp_NotDecidedAgainWithALegIdInUse()
    {
        // After a completed transfer the caller (the transferer) has left its call's bridge, which now holds
        // the transferee's and the target's legs. Deciding it again would dial the original number once more.
        var caller = InApp("A", args: "2002") with { ChannelVars = new() { ["PHONEGROUPS_CALLER"] = "2001", ["PHONEGROUPS_ORIGINAL_CALLERID"] = "" }, Name = "Local/2002@phonegroups-test-0001;2" };
        Holds([caller, InApp("A-leg1"), InApp("A-leg2")], [new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A-leg1", "A-leg2"] }]);
        await _sut.StartAsync();

        await Eventually.Async(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            return _sut.Ari.Received().HangupAsync("A", 16, Arg.Any<CancellationToken>());
        });
        await _sut.Ari.DidNotReceiveWithAnyArgs().CreateChannelAsync(default!);
        await _sut.Ari.DidNotReceive().HangupAsync("A-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().HangupAsync("A-leg2", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    private void Holds(Channel[] channels, Bridge[] bridges)
    {
        _sut.Ari.ListChannelsAsync(default).ReturnsForAnyArgs(channels);
        _sut.Ari.ListBridgesAsync(default).ReturnsForAnyArgs(bridges);
    }

    private static Channel InApp(string id, string app = CallPipelineTests.App, string? args = null) => new()
    {
        Id = id,
        Name = "PJSIP/x-00000001",
        State = "Up",
        Dialplan = new DialplanCep { Context = "phones", Exten = args ?? "s", AppName = "Stasis", AppData = args is null ? app : $"{app},{args}" },
    };
}
