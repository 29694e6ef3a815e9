using NSubstitute;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// A picked-up caller belongs to the picking call, which must see it go. Asterisk tells the application of a
/// caller's end by its StasisEnd only; a ChannelDestroyed follows only when the application happens to be
/// subscribed to the caller (it was the originator of a leg), so the picker cannot wait for one.
/// </summary>
public sealed class PickedUpCallerTests : IAsyncLifetime
{
    private readonly ControllerUnderTest _sut = new();

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task APickedUpCallerLeavingTheApplication_HangsUpThePicker()
    {
        await PickedUpAsync();

        _sut.Asterisk.Left("A"); // the caller hung up; no ChannelDestroyed reaches the application

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("P", Arg.Any<int?>(), Arg.Any<CancellationToken>()));
        _sut.Asterisk.Left("P");
        await Eventually.True(() => _sut.Controller.Calls.Count == 0); // nothing of either call stays
    }

    [Fact]
    public async Task ThePickerHangingUp_HangsUpThePickedUpCaller()
    {
        await PickedUpAsync();

        _sut.Asterisk.Left("P");

        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>()));
    }

    private async Task PickedUpAsync()
    {
        await _sut.RingingAsync("A", "2001", "2002");
        _sut.Asterisk.CallEnters("P", "2003", "*8");
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("A-leg1", 26, Arg.Any<CancellationToken>()));
        _sut.Asterisk.Destroyed("A-leg1", 26);
        await _sut.BridgedTogether("P-bridge", "A", "P");
        await _sut.InState("P", "Bridged");
    }
}
