using NSubstitute;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>Pickup against the callee answering, and several calls ringing at one extension.</summary>
public sealed class PickupRaceTests : IAsyncLifetime
{
    private readonly ControllerUnderTest _sut = new();

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task CalleeAnsweringFirst_WinsAgainstAPickup_AndIsNeverHungUpWithCause26()
    {
        await _sut.RingingAsync("A", "2001", "2002");
        _sut.DialStatus("A-leg1", "A", "ANSWER");
        await _sut.InState("A", "Bridged");

        _sut.Asterisk.CallEnters("P", "2003", "*8");

        await Eventually.Async(() => _sut.Ari.Received().ProgressAsync("P", Arg.Any<CancellationToken>())); // nothing ringing: denied
        await _sut.Ari.DidNotReceive().HangupAsync("A-leg1", 26, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task PickupFirst_WinsAgainstALateAnswer_AndTheCallerIsBridgedWithThePicker()
    {
        await _sut.RingingAsync("A", "2001", "2002");
        _sut.Asterisk.CallEnters("P", "2003", "*8");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 26, Arg.Any<CancellationToken>()));

        _sut.DialStatus("A-leg1", "A", "ANSWER"); // the callee answered just too late
        _sut.Asterisk.Destroyed("A-leg1", 26);

        await _sut.BridgedTogether("P-bridge", "A", "P");
        await _sut.Ari.DidNotReceive().AddChannelsAsync("A-bridge", Arg.Any<IReadOnlyList<string>>(), Arg.Any<CancellationToken>());
        await Eventually.True(() => _sut.Controller.Calls.All(c => c.Id != "A")); // the ringing call is over
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TwoCallsRingingAtOneExtension_AreBothPickedUp_TheLongestRingingFirst()
    {
        await _sut.RingingAsync("A", "2001", "2002");
        await _sut.RingingAsync("B", "2003", "2002"); // call waiting

        _sut.Asterisk.CallEnters("P", "2004", "**2002");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 26, Arg.Any<CancellationToken>()));
        _sut.Asterisk.CallEnters("Q", "2004", "**2002");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("B-leg1", 26, Arg.Any<CancellationToken>()));
    }
}
