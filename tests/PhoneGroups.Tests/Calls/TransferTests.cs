using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Configuration;

namespace PhoneGroups.Tests.Calls;

/// <summary>A blind transfer (ARI ChannelTransfer) is decided as the transferer, and a failed or refused one leaves the call as it was.</summary>
public sealed class TransferTests : IAsyncLifetime
{
    private readonly ControllerUnderTest _sut = new(TestPolicies.SalesOutAndIsolatedLobby);

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task BlindTransferByTheCallee_DialsTheTargetForTheCaller_WithTheTransferersCallerId_ThenTheTransfererLeaves()
    {
        await _sut.BridgedAsync("A", "3001", "2002"); // Lobby may never call out itself
        _sut.BlindTransfer("A-leg1", "PJSIP/2002-00000001", "5551234");

        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_progress", Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(
            Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg2" && r.Endpoint == "PJSIP/5551234@trunk-a" && r.Originator == "A" && r.Variables!["CONNECTEDLINE(num,i)"] == "5550100"),
            Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Transferring");
        _sut.Asterisk.LegEnters("A-leg2");
        _sut.DialStatus("A-leg2", "A", "ANSWER");

        await Eventually.Async(() => _sut.Ari.Received().AddChannelsAsync("A-bridge", Arg.Is<IReadOnlyList<string>>(c => c.Single() == "A-leg2"), Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_answered", Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().RemoveChannelAsync("A-bridge", "A-leg1", Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Transferred");
        _sut.Asterisk.Destroyed("A-leg1"); // the transferer's phone hangs up after NOTIFY 200
        await _sut.InState("A", "Bridged");
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("Call A: blind transfer by 2002 (group Sales) of A to 5551234: allow (route-granted)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BlindTransferByAnExtensionThatMayNotCallTheTarget_IsDeclined_AndTheCallStaysAsItWas()
    {
        await _sut.BridgedAsync("A", "2001", "3001");
        _sut.BlindTransfer("A-leg1", "PJSIP/3001-00000001", "5551234"); // 2001 could call it; the transferer 3001 may not

        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_declined", Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Bridged");
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg2"), Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().HangupAsync(Arg.Any<string>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("blind transfer by 3001 (group Lobby) of A to 5551234: deny", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BlindTransferByAnUnknownCaller_NeverGoesOutOnARoute_EvenWhereUnknownCallersAreAllowed()
    {
        _sut.Asterisk.Send(new StasisStart
        {
            Type = nameof(StasisStart),
            Application = CallPipelineTests.App,
            Channel = new Channel { Id = "A", Name = "PJSIP/visitor-00000001", ChannelVars = new() { ["PHONEGROUPS_CALLER"] = "" } },
            Args = ["2002"],
        });
        await _sut.AnsweredAsync("A");
        _sut.BlindTransfer("A", "PJSIP/visitor-00000001", "5551234");

        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A", "channel_declined", Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("blind transfer by unknown (group none) of A-leg1 to 5551234: deny (unknown-to-trunk)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TargetBusy_TheTransfererIsTold_AndTheCallGoesOnAsItWas()
    {
        await _sut.BlindTransferringAsync("5551234");

        _sut.DialStatus("A-leg2", "A", "BUSY");

        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_declined", Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg2", 16, Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Bridged");
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TransfererHangsUpWhileTheTargetRings_TheTransferGoesOn_AndTheTargetIsBridgedWithTheTransferee()
    {
        await _sut.BlindTransferringAsync("5551234");

        _sut.Asterisk.Destroyed("A-leg1");
        _sut.DialStatus("A-leg2", "A", "ANSWER");

        await Eventually.Async(() => _sut.Ari.Received().AddChannelsAsync("A-bridge", Arg.Is<IReadOnlyList<string>>(c => c.Single() == "A-leg2"), Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Bridged");
        await _sut.Ari.DidNotReceive().TransferProgressAsync("A-leg1", "channel_answered", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TransfererHangsUpAndTheTargetDoesNotAnswer_TheTransfereeGetsTheCause()
    {
        await _sut.BlindTransferringAsync("5551234");

        _sut.Asterisk.Destroyed("A-leg1");
        _sut.DialStatus("A-leg2", "A", "NOANSWER");

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", 19, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task TransfereeHangsUpWhileTheTargetRings_EveryLegIsHungUp()
    {
        await _sut.BlindTransferringAsync("5551234");

        _sut.Asterisk.Destroyed("A");

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg2", 16, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task TransferBeforeTheCallIsBridged_IsDeclined()
    {
        _sut.Asterisk.CallEnters("A", "2001", "2002");
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg1"), Arg.Any<CancellationToken>()));

        _sut.BlindTransfer("A", "Local/2002@phonegroups-test-0001;2", "5551234");

        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A", "channel_declined", Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Dialing");
    }

    [Fact]
    public async Task ChannelEnteringTheCallsBridgeWithoutTheController_IsHungUp()
    {
        await _sut.BridgedAsync("A", "2001", "2002");

        // What Asterisk's core does for an INVITE with Replaces naming the callee's dialog.
        _sut.Asterisk.Send(new ChannelEnteredBridge
        {
            Type = nameof(ChannelEnteredBridge),
            Application = CallPipelineTests.App,
            Channel = new Channel { Id = "intruder", Name = "PJSIP/3001-00000009" },
            Bridge = new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A", "intruder"] },
        });

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("intruder", 21, Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("PJSIP/3001-00000009 entered bridge A-bridge without the controller", StringComparison.Ordinal));
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task FirstProgressReport_WaitsUntilAsteriskHasTakenTheRefer()
    {
        // Asterisk 22's res_pjsip_refer raises ChannelTransfer before it has finished taking the REFER; a
        // progress report within that window crashes it (docs/operations.md, "Transfers").
        var time = new FakeTimeProvider();
        await using var sut = new ControllerUnderTest(TestPolicies.SalesOutAndIsolatedLobby, time, new CallOptions { TransferSettleMilliseconds = 100 });
        await sut.StartAsync();
        await sut.BridgedAsync("A", "2001", "2002");

        sut.BlindTransfer("A-leg1", "PJSIP/2002-00000001", "3001");
        await Eventually.True(() => sut.Log.Lines.Any(l => l.Message.Contains("blind transfer by 2002", StringComparison.Ordinal))); // decided
        await Task.Delay(50); // room for a report that does not wait (there must be none)
        await sut.Ari.DidNotReceiveWithAnyArgs().TransferProgressAsync(default!, default!, default);

        time.Advance(TimeSpan.FromMilliseconds(100));
        await Eventually.Async(() => sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_progress", Arg.Any<CancellationToken>()));
    }
}
