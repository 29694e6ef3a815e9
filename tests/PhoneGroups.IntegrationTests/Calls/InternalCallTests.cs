using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Internal calls through the real controller and Asterisk: the seed's isolation scenarios.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class InternalCallTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private ControllerHarness _controller = null!;

    public async Task InitializeAsync() => _controller = await ControllerHarness.StartAsync(asterisk);

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        await asterisk.CleanUpAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task SameGroupCall_IsBridged_AndCallerHangupEndsBoth()
    {
        var call = await _controller.PlaceCallAsync("1001", "1002");
        var callee = await _controller.WaitForRingingAtAsync("1002");
        await _controller.Ari.AnswerAsync(callee.Channel.Id);

        var bridged = await _controller.WaitForBridgedAsync(call.Call);
        Assert.Contains(call.Call, bridged.Bridge.Channels);

        await _controller.Ari.HangupAsync(call.Phone);
        await _controller.WaitForHangupAsync(callee.Channel.Id);
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task IsolatedMember_CallingAnotherGroup_HearsPromptAndIsRejectedWithCause21()
    {
        var call = await _controller.PlaceCallAsync("1001", "2001");

        var prompt = await _controller.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{call.Call}");
        Assert.Equal("de", prompt.Playback.Language); // Finance's language
        var hangup = await _controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20));
        Assert.Equal(21, hangup.Cause);
        Assert.DoesNotContain(_controller.Events.Snapshot().OfType<StasisStart>(), e => e.Application == "phonegroups-sim" && e.Args.Contains("2001"));
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DeniedCall_InALanguageWithoutThePrompt_FallsBackToSsNoservice()
    {
        var call = await _controller.PlaceCallAsync("1003", "2001");

        var prompt = await _controller.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{call.Call}");
        Assert.Equal("sound:ss-noservice", prompt.Playback.MediaUri);
        Assert.Equal(21, (await _controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task IsolatedMember_CallingAnAllowedPattern_IsBridged()
    {
        var call = await _controller.PlaceCallAsync("1001", "7001");
        var callee = await _controller.WaitForRingingAtAsync("7001");
        await _controller.Ari.AnswerAsync(callee.Channel.Id);
        await _controller.WaitForBridgedAsync(call.Call);

        await _controller.Ari.HangupAsync(callee.Channel.Id);
        await _controller.WaitForHangupAsync(call.Phone); // the callee hung up: the caller is gone too
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task NonIsolatedCaller_CallingAnIsolatedMember_IsBridged()
    {
        var call = await _controller.PlaceCallAsync("2001", "1001");
        var callee = await _controller.WaitForRingingAtAsync("1001");
        await _controller.Ari.AnswerAsync(callee.Channel.Id);
        await _controller.WaitForBridgedAsync(call.Call);

        await _controller.Ari.HangupAsync(call.Phone);
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task BusyCallee_CallerGetsCause17()
    {
        var call = await _controller.PlaceCallAsync("2001", "2002");
        var callee = await _controller.WaitForRingingAtAsync("2002");
        await _controller.Ari.HangupAsync(callee.Channel.Id, 17);

        Assert.Equal(17, (await _controller.WaitForHangupAsync(call.Phone)).Cause);
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task UnansweredCallee_CallerGetsNoAnswerAfterTheRingTimeout()
    {
        var call = await _controller.PlaceCallAsync("2001", "2002");
        var callee = await _controller.WaitForRingingAtAsync("2002");
        await _controller.Ari.RingAsync(callee.Channel.Id);

        var hangup = await _controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(15));
        Assert.Equal(19, hangup.Cause);
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CallerHangsUpWhileCalleeRings_CalleeLegIsGone()
    {
        var call = await _controller.PlaceCallAsync("2001", "2002");
        var callee = await _controller.WaitForRingingAtAsync("2002");
        await _controller.Ari.RingAsync(callee.Channel.Id);

        await _controller.Ari.HangupAsync(call.Phone);
        await _controller.WaitForHangupAsync(callee.Channel.Id);
        await _controller.AssertNothingLeftAsync();
    }
}
