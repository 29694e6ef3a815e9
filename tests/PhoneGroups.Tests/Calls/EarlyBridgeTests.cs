using System.Net;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// The call's bridge is made while the callee rings, so the answer costs only the answer and the adds; a call
/// that ends before the answer still leaves no bridge behind, and recovery leaves a ringing call's bridge alone.
/// </summary>
public sealed class EarlyBridgeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ControllerUnderTest _sut;

    public EarlyBridgeTests() => _sut = new ControllerUnderTest(time: _time);

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task LegEnters_TheBridgeIsMadeWithTheDial_AndTheAnswerOnlyAnswersAndAdds()
    {
        await RingingAsync();
        await _sut.Ari.Received(1).CreateBridgeAsync("A-bridge", "mixing", "phonegroups:phonegroups:A", Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().AnswerAsync("A", Arg.Any<CancellationToken>());

        _sut.DialStatus("A-leg1", "A", "ANSWER");

        await _sut.InState("A", "Bridged");
        await _sut.Ari.Received(1).AnswerAsync("A", Arg.Any<CancellationToken>());
        Assert.Equal(["A", "A-leg1"], _sut.AddedTo("A-bridge").Order(StringComparer.Ordinal));
        await _sut.Ari.Received(1).CreateBridgeAsync(Arg.Any<string?>(), Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Answer_TheCalleeJoinsAtOnce_TheCallerOnlyOnceItIsAnswered()
    {
        var answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sut.Ari.AnswerAsync("A", Arg.Any<CancellationToken>()).Returns(answering.Task);
        await RingingAsync();

        _sut.DialStatus("A-leg1", "A", "ANSWER");
        await Eventually.Async(() => _sut.Ari.Received(1).AnswerAsync("A", Arg.Any<CancellationToken>()));
        // The callee joins while the caller is answered (the two overlap); Asterisk refuses to answer a channel
        // that is joining a bridge, so the caller's own add waits for its answer.
        await Eventually.True(() => _sut.AddedTo("A-bridge").SequenceEqual(["A-leg1"]));

        answering.SetResult();
        await _sut.InState("A", "Bridged");
        await _sut.BridgedTogether("A-bridge", "A", "A-leg1");
    }

    [Fact]
    public async Task CallerHangsUpWhileTheCalleeRings_TheBridgeMadeForItIsDestroyed()
    {
        await RingingAsync();

        _sut.Asterisk.Destroyed("A");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
        _sut.Asterisk.Destroyed("A-leg1");

        await Eventually.Async(() => _sut.Ari.Received(1).DestroyBridgeAsync("A-bridge", Arg.Any<CancellationToken>()));
        await Eventually.True(() => _sut.Controller.ActiveCalls == 0);
        await _sut.Ari.DidNotReceive().AnswerAsync("A", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CalleeBusy_TheCallerGetsTheCause_AndTheBridgeIsDestroyed()
    {
        await RingingAsync();

        _sut.DialStatus("A-leg1", "A", "BUSY");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", 17, Arg.Any<CancellationToken>()));
        _sut.Asterisk.Destroyed("A-leg1", 17);
        _sut.Asterisk.Destroyed("A", 17);

        await Eventually.Async(() => _sut.Ari.Received(1).DestroyBridgeAsync("A-bridge", Arg.Any<CancellationToken>()));
        await Eventually.True(() => _sut.Controller.ActiveCalls == 0);
    }

    [Fact]
    public async Task BridgeRefusedWhileRinging_IsMadeAtTheAnswer_AndTheCallIsBridged()
    {
        _sut.Ari.CreateBridgeAsync("A-bridge", Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(
                _ => throw new AriException(HttpStatusCode.InternalServerError, "Failed to create bridge", "POST", "bridges"),
                _ => Task.FromResult(new Bridge { Id = "A-bridge" }));
        await RingingAsync();

        _sut.DialStatus("A-leg1", "A", "ANSWER");

        await _sut.InState("A", "Bridged");
        await _sut.Ari.Received(2).CreateBridgeAsync("A-bridge", "mixing", "phonegroups:phonegroups:A", Arg.Any<CancellationToken>());
        await _sut.BridgedTogether("A-bridge", "A", "A-leg1");
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Reconnect_WhileTheCalleeRings_LeavesTheCallsEmptyBridgeAlone()
    {
        await RingingAsync();
        var ours = new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = [] };
        // Another call's half bridge, which recovery does end: its destruction shows recovery went past ours.
        var half = new Bridge { Id = "X-bridge", Name = "phonegroups:phonegroups:X", Channels = ["X"] };
        _sut.Ari.ListChannelsAsync(default).ReturnsForAnyArgs([new Channel { Id = "A" }, new Channel { Id = "A-leg1" }, new Channel { Id = "X" }]);
        _sut.Ari.ListBridgesAsync(default).ReturnsForAnyArgs([ours, half]);

        _sut.Asterisk.Reconnected();

        await Eventually.Async(() => _sut.Ari.Received().DestroyBridgeAsync("X-bridge", Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().DestroyBridgeAsync("A-bridge", Arg.Any<CancellationToken>());
        _sut.DialStatus("A-leg1", "A", "ANSWER");
        await _sut.InState("A", "Bridged");
        await _sut.BridgedTogether("A-bridge", "A", "A-leg1");
    }

    private async Task RingingAsync()
    {
        _sut.Asterisk.CallEnters("A", "2001", "2002");
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg1"), Arg.Any<CancellationToken>()));
        _sut.Asterisk.LegEnters("A-leg1");
        await Eventually.Async(() => _sut.Ari.Received().DialAsync("A-leg1", "A", 0, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().CreateBridgeAsync("A-bridge", Arg.Any<string>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()));
    }
}
