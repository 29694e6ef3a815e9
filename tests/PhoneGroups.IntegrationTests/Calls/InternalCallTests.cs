using System.Globalization;
using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>Internal calls through the real controller and Asterisk: the seed's isolation scenarios.</summary>
[Collection(AsteriskCollection.Name)]
public sealed class InternalCallTests(AsteriskFixture asterisk) : ControllerTest(asterisk)
{
    [Fact]
    public async Task SameGroupCall_IsBridged_AndCallerHangupEndsBoth()
    {
        var call = await Controller.PlaceCallAsync("1001", "1002");
        var callee = await Controller.WaitForRingingAtAsync("1002");
        await Controller.Ari.AnswerAsync(callee.Channel.Id);

        var bridged = await Controller.WaitForBridgedAsync(call.Call);
        Assert.Contains(call.Call, bridged.Bridge.Channels);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.WaitForHangupAsync(callee.Channel.Id);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task LocalLeg_CreatedWithoutAnOriginator_SharesTheCallersLinkedIdOnceBridged()
    {
        // A Local leg has no originator (an Asterisk 22.10 crash, docs/operations.md): its linked id, what CEL and
        // CDR group a call's channels by, comes from the bridge instead.
        var call = await Controller.PlaceCallAsync("1001", "1002");
        var callee = await Controller.WaitForRingingAtAsync("1002");
        var leg = $"{call.Call}-leg1";
        var callersLinkedId = await Controller.Ari.GetVariableAsync(call.Call, "CHANNEL(linkedid)");
        Assert.NotEqual(callersLinkedId, await Controller.Ari.GetVariableAsync(leg, "CHANNEL(linkedid)"));

        await Controller.Ari.AnswerAsync(callee.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);
        await Controller.WaitForBridgedAsync(leg);

        Assert.Equal(callersLinkedId, await Controller.Ari.GetVariableAsync(leg, "CHANNEL(linkedid)"));
        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task IsolatedMember_CallingAnotherGroup_HearsPromptAndIsRejectedWithCause21()
    {
        var call = await Controller.PlaceCallAsync("1001", "2001");

        var prompt = await Controller.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{call.Call}");
        Assert.Equal("de", prompt.Playback.Language); // Finance's language
        var hangup = await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20));
        Assert.Equal(21, hangup.Cause);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<StasisStart>(), e => e.Application == "phonegroups-sim" && e.Args.Contains("2001"));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DeniedCall_InALanguageWithoutThePrompt_FallsBackToSsNoservice()
    {
        var call = await Controller.PlaceCallAsync("1003", "2001");

        var prompt = await Controller.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{call.Call}");
        Assert.Equal("sound:ss-noservice", prompt.Playback.MediaUri);
        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task IsolatedMember_CallingAnAllowedPattern_IsBridged()
    {
        var call = await Controller.PlaceCallAsync("1001", "7001");
        var callee = await Controller.WaitForRingingAtAsync("7001");
        await Controller.Ari.AnswerAsync(callee.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);

        await Controller.Ari.HangupAsync(callee.Channel.Id);
        await Controller.WaitForHangupAsync(call.Phone); // the callee hung up: the caller is gone too
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task NonIsolatedCaller_CallingAnIsolatedMember_IsBridged()
    {
        var call = await Controller.PlaceCallAsync("2001", "1001");
        var callee = await Controller.WaitForRingingAtAsync("1001");
        await Controller.Ari.AnswerAsync(callee.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task BusyCallee_CallerGetsCause17()
    {
        var call = await Controller.PlaceCallAsync("2001", "2002");
        var callee = await Controller.WaitForRingingAtAsync("2002");
        await Controller.Ari.HangupAsync(callee.Channel.Id, 17);

        Assert.Equal(17, (await Controller.WaitForHangupAsync(call.Phone)).Cause);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CalleeSignallingBusy_CallerGetsCause17_AtOnce_NotWhenTheCalleeHangsUp()
    {
        // Busy(10): the callee says busy at once but keeps its channel 10 s, as Dial() would not wait.
        var call = await Controller.PlaceCallAsync("2001", "2097");

        var hangup = await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20));
        Assert.Equal(17, hangup.Cause);
        var busy = Controller.Events.Snapshot().OfType<Dial>().First(d => d.DialStatus == "BUSY");
        // Asterisk's own clock: "2026-12-01T14:40:00.123+0000".
        static DateTimeOffset At(string timestamp) =>
            DateTimeOffset.ParseExact(System.Text.RegularExpressions.Regex.Replace(timestamp, @"([+-]\d\d)(\d\d)$", "$1:$2"), "yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var waited = At(hangup.Timestamp!) - At(busy.Timestamp!);
        // Well before the ring timeout (4 s here) or the callee's own hang-up (10 s): nothing waited for either.
        Assert.True(waited < TimeSpan.FromSeconds(2), $"the caller was hung up {waited.TotalSeconds:0.0} s after BUSY: it waited for a timeout or the callee's own hang-up");
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task UnansweredCallee_CallerGetsNoAnswerAfterTheRingTimeout()
    {
        var call = await Controller.PlaceCallAsync("2001", "2002");
        var callee = await Controller.WaitForRingingAtAsync("2002");
        await Controller.Ari.RingAsync(callee.Channel.Id);

        var hangup = await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(15));
        Assert.Equal(19, hangup.Cause);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CallerHangsUpWhileCalleeRings_CalleeLegIsGone()
    {
        var call = await Controller.PlaceCallAsync("2001", "2002");
        var callee = await Controller.WaitForRingingAtAsync("2002");
        await Controller.Ari.RingAsync(callee.Channel.Id);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.WaitForHangupAsync(callee.Channel.Id);
        await Controller.AssertNothingLeftAsync();
    }
}
