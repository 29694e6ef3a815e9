using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>An admin edits the policy file while the controller runs.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class PolicyReloadTests(AsteriskFixture asterisk) : IAsyncLifetime
{
    private ControllerHarness _controller = null!;

    public async Task InitializeAsync() => _controller = await ControllerHarness.StartAsync(asterisk, ringTimeoutSeconds: 30);

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        await asterisk.CleanUpAndAssertNothingLeftAsync();
    }

    [Fact]
    public async Task ValidChange_DecidesTheNextCall_WhileTheCallInProgressKeepsItsDecision()
    {
        var before = await _controller.PlaceCallAsync("4001", "2001");
        var ringing = await _controller.WaitForRingingAtAsync("2001");

        // Support becomes isolated: its calls to Sales are no longer allowed.
        var original = await File.ReadAllTextAsync(_controller.PolicyPath);
        await _controller.WritePolicyAsync(original.Replace("  - name: Support\n", "  - name: Support\n    isolated: true\n", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(2)); // live within 2 s, as promised

        var after = await _controller.PlaceCallAsync("4001", "2002");
        Assert.Equal(21, (await _controller.WaitForHangupAsync(after.Phone, TimeSpan.FromSeconds(20))).Cause);

        await _controller.Ari.AnswerAsync(ringing.Channel.Id); // decided before the change: still connects
        await _controller.WaitForBridgedAsync(before.Call);
        await _controller.Ari.HangupAsync(before.Phone);
        await _controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task InvalidChange_IsRejected_AndThePreviousPolicyStays()
    {
        await _controller.WritePolicyAsync("version: 1\ngroups:\n  - name: Broken\n    isolated: maybe\n");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var call = await _controller.PlaceCallAsync("4001", "2001");
        var ringing = await _controller.WaitForRingingAtAsync("2001");
        await _controller.Ari.HangupAsync(ringing.Channel.Id, 17);
        Assert.Equal(17, (await _controller.WaitForHangupAsync(call.Phone)).Cause);
        Assert.DoesNotContain(_controller.Events.Snapshot().OfType<PlaybackStarted>(), e => e.Playback.TargetUri == $"channel:{call.Call}");
        await _controller.AssertNothingLeftAsync();
    }
}
