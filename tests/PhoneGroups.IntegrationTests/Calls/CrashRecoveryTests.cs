using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>
/// The controller killed with SIGKILL in the middle of calls, then started again: no call is left with
/// nobody in charge, nothing stays in Asterisk.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class CrashRecoveryTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private ControllerHarness _harness = null!;
    private ControllerProcess _crashing = null!;

    public async Task InitializeAsync()
    {
        _harness = await ControllerHarness.StartAsync(asterisk, startController: false);
        _crashing = await ControllerProcess.StartAsync(_harness.PolicyPath);
    }

    public async Task DisposeAsync()
    {
        await _crashing.DisposeAsync();
        await _harness.DisposeAsync();
        await asterisk.CleanUpAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task BridgedCall_SurvivesTheCrash_AndTheNewProcessEndsItWhenTheCallerHangsUp()
    {
        var call = await _harness.PlaceCallAsync("2001", "2002");
        var callee = await _harness.WaitForRingingAtAsync("2002");
        await _harness.Ari.AnswerAsync(callee.Channel.Id);
        var bridged = await _harness.WaitForBridgedAsync(call.Call);

        await _crashing.KillAsync();
        await _harness.StartControllerAsync();

        // The conversation went on through the crash; the new process took charge of it.
        Assert.Equal(2, (await _harness.Ari.GetBridgeAsync(bridged.Bridge.Id)).Channels.Count);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // recovery runs right after the connection
        await _harness.Ari.HangupAsync(call.Phone);
        await _harness.WaitForHangupAsync(callee.Channel.Id, TimeSpan.FromSeconds(2));
        await _harness.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task RingingCall_IsDecidedAgain_AndRingsTheCalleeAgain()
    {
        var call = await _harness.PlaceCallAsync("2001", "2002");
        var firstRing = await _harness.WaitForRingingAtAsync("2002");
        await _harness.Ari.RingAsync(firstRing.Channel.Id);

        await _crashing.KillAsync();
        await _harness.StartControllerAsync();

        // Within 5 s: the orphaned leg is gone and the caller rings the callee again, through the new process.
        await _harness.WaitForHangupAsync(firstRing.Channel.Id, TimeSpan.FromSeconds(5));
        var secondRing = await _harness.Events.WaitForAsync<StasisStart>(
            e => e.Application == "phonegroups-sim" && e.Args.Count > 0 && e.Args[0] == "2002" && e.Channel.Id != firstRing.Channel.Id, TimeSpan.FromSeconds(5));
        await _harness.Ari.AnswerAsync(secondRing.Channel.Id);
        await _harness.WaitForBridgedAsync(call.Call);

        await _harness.Ari.HangupAsync(call.Phone);
        await _harness.WaitForHangupAsync(secondRing.Channel.Id);
        await _harness.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DeniedCallInItsPrompt_IsRejectedByTheNewProcess_NotLeftInSilence()
    {
        var call = await _harness.PlaceCallAsync("1001", "2001");
        await _harness.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{call.Call}");

        await _crashing.KillAsync();
        var beforeRestart = _harness.Events.Snapshot().Count;
        await _harness.StartControllerAsync();

        // Decided again by the new process: the caller hears the prompt anew (its playback has the same id; Asterisk
        // queues it behind what the dead process was playing, so it starts once that ends).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!_harness.Events.Snapshot().Skip(beforeRestart).OfType<PlaybackStarted>().Any(e => e.Playback.TargetUri == $"channel:{call.Call}"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the new process did not play the denial prompt again");
            await Task.Delay(50);
        }

        var hangup = await _harness.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20));
        Assert.Equal(21, hangup.Cause);
        await _harness.AssertNothingLeftAsync();
    }
}
