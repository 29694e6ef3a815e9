using NSubstitute;
using NSubstitute.ExceptionExtensions;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Calls;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// The reactive pipeline with a scripted ARI: per-call ordering, calls in parallel, failure isolation and
/// memory. What the calls do on a real Asterisk is proven in PhoneGroups.IntegrationTests.
/// </summary>
public sealed class CallPipelineTests : IAsyncLifetime
{
    public const string App = "phonegroups";

    private readonly ControllerUnderTest _sut = new();
    private readonly ScriptedEventSource _asterisk;
    private readonly IAriClient _ari;
    private readonly CallController _controller;

    public CallPipelineTests()
    {
        _asterisk = _sut.Asterisk;
        _ari = _sut.Ari;
        _controller = _sut.Controller;
    }

    public Task InitializeAsync() => _controller.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task FailingCall_IsHungUpWithTemporaryFailure_AndTheNextCallIsUntouched()
    {
        _ari.CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId != null && r.ChannelId.StartsWith("A-", StringComparison.Ordinal)), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("bug in one call"));

        _asterisk.CallEnters("A", "2001", "2002");
        _asterisk.CallEnters("B", "2003", "2004");

        await Eventually.Async(() => _ari.Received().HangupAsync("A", 41, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "B-leg1" && r.Endpoint == "PJSIP/2004"), Arg.Any<CancellationToken>()));
        await _ari.DidNotReceive().HangupAsync("B", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task OneCallsEvents_WaitForItsPreviousEvent_WhileOtherCallsGoOn()
    {
        var createA = new TaskCompletionSource<Channel>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ari.CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg1"), Arg.Any<CancellationToken>()).Returns(createA.Task);

        _asterisk.CallEnters("A", "2001", "2002");
        _asterisk.LegEnters("A-leg1"); // Asterisk may send this before it answers the create request
        _asterisk.CallEnters("B", "2003", "2004");

        // B is handled while A waits for Asterisk.
        await Eventually.Async(() => _ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "B-leg1"), Arg.Any<CancellationToken>()));
        await _ari.DidNotReceive().DialAsync("A-leg1", Arg.Any<string?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());

        createA.SetResult(new Channel { Id = "A-leg1" });
        await Eventually.Async(() => _ari.Received().DialAsync("A-leg1", "A", 0, Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task EndedCalls_AreForgotten()
    {
        _asterisk.CallEnters("A", "2001", "2002");
        await Eventually.Async(() => _ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg1"), Arg.Any<CancellationToken>()));
        Assert.Equal(1, _controller.ActiveCalls);

        _asterisk.Destroyed("A");
        await Eventually.Async(() => _ari.Received().HangupAsync("A-leg1", 16, Arg.Any<CancellationToken>()));
        _asterisk.Destroyed("A-leg1");

        await Eventually.True(() => _controller.ActiveCalls == 0);
    }

    [Fact]
    public async Task DeniedCall_GetsEarlyMediaAndTheFallbackPrompt_ThenCause21()
    {
        _ari.PlayAsync(default!, default!).ReturnsForAnyArgs(new Playback { Id = "A-denial" });

        _asterisk.CallEnters("A", "1001", "2001"); // Finance is isolated

        await Eventually.Async(() => _ari.Received().ProgressAsync("A", Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _ari.Received().PlayAsync("A", Arg.Is<IReadOnlyList<string>>(m => m.Single() == "sound:ss-noservice"), "en", "A-denial", Arg.Any<CancellationToken>()));
        await _ari.DidNotReceive().AnswerAsync("A", Arg.Any<CancellationToken>());

        _asterisk.Send(new PhoneGroups.Ari.Events.PlaybackFinished
        {
            Type = "PlaybackFinished",
            Application = App,
            Playback = new Playback { Id = "A-denial", State = "done", TargetUri = "channel:A" },
        });
        await Eventually.Async(() => _ari.Received().HangupAsync("A", 21, Arg.Any<CancellationToken>()));
    }
}
