using NSubstitute;
using PhoneGroups.Configuration;

namespace PhoneGroups.Tests.Calls;

/// <summary>Stopping with calls still being set up: none is abandoned.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task StopWhileACallRings_HangsUpTheLeg_AndHandsTheCallerToTheFallback()
    {
        await using var sut = new ControllerUnderTest(options: new CallOptions { ShutdownTimeoutSeconds = 0 });
        await sut.StartAsync();
        sut.Asterisk.CallEnters("A", "2001", "2002");
        sut.Asterisk.LegEnters("A-leg1");
        sut.DialStatus("A-leg1", "A", "RINGING");
        await Eventually.Async(() => sut.Ari.Received().RingAsync("A", Arg.Any<CancellationToken>()));

        await sut.StopAsync();

        await sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>());
        await sut.Ari.Received().ContinueAsync("A", "controller-down", "2002", 1, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task StopDuringADenialPrompt_RejectsTheCallerWithTheDenialCause()
    {
        await using var sut = new ControllerUnderTest(options: new CallOptions { ShutdownTimeoutSeconds = 0 });
        await sut.StartAsync();
        sut.Asterisk.CallEnters("A", "1001", "2001");
        await sut.InState("A", "Denying");

        await sut.StopAsync();

        await sut.Ari.Received().HangupAsync("A", 21, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task StopRightAfterATransfer_HangsUpTheTransferer_AndLeavesTheTwoPartiesBridged()
    {
        // The controller's clock stands still: the transferer's 5 s grace does not run out by itself here.
        await using var sut = new ControllerUnderTest(TestPolicies.SalesOutWithPassword, options: new CallOptions { ShutdownTimeoutSeconds = 0, TransferSettleMilliseconds = 0 });
        await sut.StartAsync();
        await sut.BlindTransferringAsync("5661234");
        sut.DialStatus("A-leg2", "A", "ANSWER");
        await sut.InState("A", "Transferred"); // the transferer's phone has not hung up yet

        await sut.StopAsync();

        // Its grace timer dies with the process: else a phone that waits stays up, in no bridge, hearing nothing.
        await Eventually.Async(() => sut.Ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
        await sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
        await sut.Ari.DidNotReceive().HangupAsync("A-leg2", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task StopDuringAPasswordPrompt_RejectsTheCallerWithTheDenialCause()
    {
        await using var sut = new ControllerUnderTest(TestPolicies.SalesOutWithPassword, options: new CallOptions { ShutdownTimeoutSeconds = 0, TransferSettleMilliseconds = 0 });
        await sut.StartAsync();
        sut.Asterisk.CallEnters("A", "2001", "5550123");
        await sut.InState("A", "Challenging");

        await sut.StopAsync();

        await sut.Ari.Received().HangupAsync("A", 21, Arg.Any<CancellationToken>());
        await sut.Ari.DidNotReceiveWithAnyArgs().ContinueAsync(default!);
    }

    [Fact]
    public async Task StopWhileATransfersTargetRings_HangsUpTheTarget_TellsTheTransferer_AndTheCallStaysBridged()
    {
        await using var sut = new ControllerUnderTest(TestPolicies.SalesOutWithPassword, options: new CallOptions { ShutdownTimeoutSeconds = 0, TransferSettleMilliseconds = 0 });
        await sut.StartAsync();
        await sut.BlindTransferringAsync("5661234");
        sut.DialStatus("A-leg2", "A", "RINGING");

        await sut.StopAsync();

        await Eventually.Async(() => sut.Ari.Received().HangupAsync("A-leg2", 16, Arg.Any<CancellationToken>()));
        await sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_unavailable", Arg.Any<CancellationToken>());
        await sut.InState("A", "Bridged"); // stays up in Asterisk: the next process adopts it
        await sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
        await sut.Ari.DidNotReceive().HangupAsync("A-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }
}
