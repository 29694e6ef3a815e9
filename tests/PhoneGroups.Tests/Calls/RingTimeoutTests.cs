using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// The ring timeout is the controller's own: Asterisk dials the leg without one (its dial-timeout hook crashed
/// Asterisk 22.10 when a leg hung up as it joined a bridge), and after Calls:RingTimeoutSeconds of ringing the
/// leg is given up as Dial() gives up: no answer, cause 19 to the caller. Emergency legs ring 600 s.
/// </summary>
public sealed class RingTimeoutTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ControllerUnderTest _sut;

    public RingTimeoutTests() => _sut = new ControllerUnderTest(time: _time);

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task LegRingingForTheRingTimeout_IsGivenUp_AndTheCallerGetsNoAnswer()
    {
        await _sut.RingingAsync("A", "2001", "2002");

        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        await _sut.Ari.DidNotReceive().HangupAsync("A-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>());

        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.Async(() => _sut.Ari.Received(1).HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received(1).HangupAsync("A", 19, Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("NOANSWER", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LegAnsweredBeforeTheRingTimeout_StaysUpAfterIt()
    {
        await _sut.RingingAsync("A", "2001", "2002");
        _sut.DialStatus("A-leg1", "A", "ANSWER");
        await _sut.InState("A", "Bridged");

        _time.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(50);

        await _sut.InState("A", "Bridged");
        await _sut.Ari.DidNotReceive().HangupAsync(Arg.Any<string>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task LegThatFailedBeforeTheRingTimeout_ItsTimerDoesNotEndTheNextLeg()
    {
        // The caller's leg is busy at once; a stale timer of leg 1 must not cut anything later.
        await _sut.RingingAsync("A", "2001", "2002");
        _sut.DialStatus("A-leg1", "A", "BUSY");
        await Eventually.Async(() => _sut.Ari.Received(1).HangupAsync("A", 17, Arg.Any<CancellationToken>()));

        _time.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(50);

        await _sut.Ari.DidNotReceive().HangupAsync("A", 19, Arg.Any<CancellationToken>());
    }
}
