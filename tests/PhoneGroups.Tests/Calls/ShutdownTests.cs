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

        await sut.Controller.StopAsync(CancellationToken.None);

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

        await sut.Controller.StopAsync(CancellationToken.None);

        await sut.Ari.Received().HangupAsync("A", 21, Arg.Any<CancellationToken>());
    }
}
