using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>An admin edits the policy file while the controller runs.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class PolicyReloadTests(AsteriskFixture asterisk) : ControllerTest(asterisk, ringTimeoutSeconds: 30)
{
    [Fact]
    public async Task ValidChange_DecidesTheNextCall_WhileTheCallInProgressKeepsItsDecision()
    {
        var before = await Controller.PlaceCallAsync("4001", "2001");
        var ringing = await Controller.WaitForRingingAtAsync("2001");

        // Support becomes isolated: its calls to Sales are no longer allowed.
        var original = await File.ReadAllTextAsync(Controller.PolicyPath);
        await Controller.WritePolicyAsync(original.Replace("  - name: Support\n", "  - name: Support\n    isolated: true\n", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(2)); // live within 2 s, as promised

        var after = await Controller.PlaceCallAsync("4001", "2002");
        Assert.Equal(21, (await Controller.WaitForHangupAsync(after.Phone, TimeSpan.FromSeconds(20))).Cause);

        await Controller.Ari.AnswerAsync(ringing.Channel.Id); // decided before the change: still connects
        await Controller.WaitForBridgedAsync(before.Call);
        await Controller.Ari.HangupAsync(before.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task InvalidChange_IsRejected_AndThePreviousPolicyStays()
    {
        await Controller.WritePolicyAsync("version: 1\ngroups:\n  - name: Broken\n    isolated: maybe\n");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var call = await Controller.PlaceCallAsync("4001", "2001");
        var ringing = await Controller.WaitForRingingAtAsync("2001");
        await Controller.Ari.HangupAsync(ringing.Channel.Id, 17);
        Assert.Equal(17, (await Controller.WaitForHangupAsync(call.Phone)).Cause);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<PlaybackStarted>(), e => e.Playback.TargetUri == $"channel:{call.Call}");
        await Controller.AssertNothingLeftAsync();
    }
}
