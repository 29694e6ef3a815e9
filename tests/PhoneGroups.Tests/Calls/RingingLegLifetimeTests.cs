using System.Net;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// A ringing leg is listed for call pickup while it rings and forgotten when its call ends, however it ends: the
/// long soak found calls that ended in a state other than Dialing (the caller gone while it was told the callee
/// rings, a call picked up) left in that list for ever, with the whole call behind them.
/// </summary>
public sealed class RingingLegLifetimeTests : IAsyncLifetime
{
    private readonly ControllerUnderTest _sut = new();

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task CallerHangsUpWhileRinging_TheLegIsForgotten()
    {
        await _sut.RingingAsync("A", "2001", "2002");
        Assert.Equal(1, _sut.Controller.RingingLegs);

        _sut.Asterisk.Destroyed("A", 16);
        _sut.Asterisk.Destroyed("A-leg1", 16);

        await Eventually.True(() => _sut.Controller.ActiveCalls == 0);
        Assert.Equal(0, _sut.Controller.RingingLegs);
    }

    [Fact]
    public async Task CallerGoneWhenToldTheCalleeRings_TheCallEnds_AndTheLegIsForgotten()
    {
        _sut.Ari.RingAsync("A", Arg.Any<CancellationToken>())
            .ThrowsAsync(new AriException(HttpStatusCode.NotFound, "Channel not found", "POST", "channels/A/ring"));

        await _sut.RingingAsync("A", "2001", "2002");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>()));
        _sut.Asterisk.Destroyed("A-leg1", 16);
        _sut.Asterisk.Destroyed("A", 16);

        await Eventually.True(() => _sut.Controller.ActiveCalls == 0);
        Assert.Equal(0, _sut.Controller.RingingLegs);
    }

    [Fact]
    public async Task CallPickedUp_TheRingingLegIsForgotten()
    {
        await _sut.RingingAsync("A", "2001", "2002");
        _sut.Asterisk.CallEnters("P", "2003", "*8");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 26, Arg.Any<CancellationToken>()));
        _sut.Asterisk.Destroyed("A-leg1", 26);
        await _sut.BridgedTogether("P-bridge", "A", "P");

        await Eventually.True(() => _sut.Controller.Calls.All(c => c.Id != "A"));
        Assert.Equal(0, _sut.Controller.RingingLegs);
    }
}
