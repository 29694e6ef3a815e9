using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PhoneGroups.Ari.Models;

namespace PhoneGroups.Tests.Calls;

/// <summary>What a new process does with calls an earlier one left in a password prompt or in the middle of a transfer.</summary>
public sealed class RecoveryOfPromptsAndTransfersTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly ControllerUnderTest _sut;

    public RecoveryOfPromptsAndTransfersTests() => _sut = new ControllerUnderTest(TestPolicies.SalesOutWithPassword, time: _time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task CallerLeftInAPasswordPrompt_IsAskedForThePasswordAgain()
    {
        var caller = InApp("A", args: "5550123") with { Name = "PJSIP/2001-00000001", ChannelVars = Vars("2001") };
        Holds([caller], []);
        await _sut.StartAsync();

        // Recovery first lets events in flight arrive (a second of its clock).
        await Eventually.Async(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            return _sut.Ari.Received().PlayAsync("A", Arg.Is<IReadOnlyList<string>>(m => m.Single() == "sound:phonegroups-enter-pin"), Arg.Any<string?>(), "A-pin1", Arg.Any<CancellationToken>());
        });
        await _sut.InState("A", "Challenging");
        await _sut.Ari.DidNotReceiveWithAnyArgs().HangupAsync(default!);
    }

    [Fact]
    public async Task TransferLeftWithItsTargetRinging_TheCallIsAdoptedAsBridged_AndTheTargetsLegHungUp()
    {
        Holds([InApp("A"), InApp("A-leg1"), InApp("A-leg2")], [new Bridge { Id = "A-bridge", Name = "phonegroups:phonegroups:A", Channels = ["A", "A-leg1"] }]);
        await _sut.StartAsync();

        await Eventually.Async(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            return _sut.Ari.Received().HangupAsync("A-leg2", 16, Arg.Any<CancellationToken>());
        });
        await _sut.InState("A", "Bridged");
        await _sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().HangupAsync("A-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    private static Dictionary<string, string> Vars(string caller) => new() { ["PHONEGROUPS_CALLER"] = caller, ["PHONEGROUPS_ORIGIN"] = "", ["PHONEGROUPS_ORIGINAL_CALLERID"] = "" };

    private void Holds(Channel[] channels, Bridge[] bridges)
    {
        _sut.Ari.ListChannelsAsync(default).ReturnsForAnyArgs(channels);
        _sut.Ari.ListBridgesAsync(default).ReturnsForAnyArgs(bridges);
    }

    private static Channel InApp(string id, string? args = null) => new()
    {
        Id = id,
        Name = "PJSIP/x-00000001",
        State = "Up",
        Dialplan = new DialplanCep { Context = "phones", Exten = args ?? "s", AppName = "Stasis", AppData = args is null ? CallPipelineTests.App : $"{CallPipelineTests.App},{args}" },
    };
}
