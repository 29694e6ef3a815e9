using System.Net.Http.Headers;
using System.Text;
using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>
/// The call-permission password on the real Asterisk: the caller hears the prompt, types digits (DTMF sent
/// into the caller's Local channel as a phone would), and the call goes on, or is denied after three tries.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class ChallengeTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "challenge.yaml")
{
    [Fact]
    public async Task RightPassword_TheCallGoesOut_WithTheAccountCodeOnBothLegs()
    {
        var call = await Controller.PlaceCallFromSimulatedPhoneAsync("2001", "5550123");
        await WaitForPromptAsync(call, "phonegroups-enter-pin");

        await SendDigitsAsync(call, "4321#");

        var carrier = await Controller.WaitForRingingAtAsync("5550123");
        Assert.Equal("5550100", carrier.Channel.Caller.Number); // the group's caller ID, as for an allowed call
        Assert.Equal("premium-sales", await Controller.Ari.GetVariableAsync(call.Call, "CHANNEL(accountcode)"));
        Assert.Equal("premium-sales", await Controller.Ari.GetVariableAsync($"{call.Call}-leg1", "CHANNEL(accountcode)"));
        await Controller.Ari.AnswerAsync(carrier.Channel.Id);
        await Controller.WaitForBridgedAsync(call.Call);

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.WaitForHangupAsync(carrier.Channel.Id);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task WrongPasswordThreeTimes_TheCallerIsDenied_WithCause21()
    {
        var call = await Controller.PlaceCallFromSimulatedPhoneAsync("2001", "5550123");
        await WaitForPromptAsync(call, "phonegroups-enter-pin");

        await SendDigitsAsync(call, "1111#");
        await WaitForPromptAsync(call, "phonegroups-pin-wrong");
        await SendDigitsAsync(call, "2222#");
        await WaitForPromptAsync(call, "phonegroups-pin-wrong", skip: 1);
        await SendDigitsAsync(call, "3333#");

        Assert.Equal(21, (await Controller.WaitForHangupAsync(call.Phone, TimeSpan.FromSeconds(20))).Cause);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<StasisStart>(), e => e.Application == "phonegroups-sim" && e.Args.Contains("5550123"));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ExtensionsPin_ReplacesThePermissionsPassword()
    {
        var call = await Controller.PlaceCallFromSimulatedPhoneAsync("2002", "5551234");
        await WaitForPromptAsync(call, "phonegroups-enter-pin");

        await SendDigitsAsync(call, "1144#"); // the permission's own password: not for 2002
        await WaitForPromptAsync(call, "phonegroups-pin-wrong");
        await SendDigitsAsync(call, "7777#");

        var carrier = await Controller.WaitForRingingAtAsync("5551234");
        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.WaitForHangupAsync(carrier.Channel.Id);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task HangupDuringThePrompt_LeavesNothing()
    {
        var call = await Controller.PlaceCallFromSimulatedPhoneAsync("2001", "5550123");
        await WaitForPromptAsync(call, "phonegroups-enter-pin");
        await SendDigitsAsync(call, "43");

        await Controller.Ari.HangupAsync(call.Phone);
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task FiveFailedChallenges_TheNextCallIsDeniedWithoutBeingAnswered()
    {
        for (var i = 0; i < 5; i++)
        {
            // a wrong try, then the caller hangs up: it counts (redialing after each miss gets no more tries)
            await MissOnceAndHangUpAsync();
            // Asterisk's ChannelDestroyed reaches the test before the controller is done with the call's end (it
            // counts the failure there): the next call may only come after, or it is decided a try too early.
            await WaitUntilCallsAsync(0);
        }

        var locked = await Controller.PlaceCallFromSimulatedPhoneAsync("2003", "5550123");

        Assert.Equal(21, (await Controller.WaitForHangupAsync(locked.Phone, TimeSpan.FromSeconds(20))).Cause);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<PlaybackStarted>(), e => e.Playback.TargetUri == $"channel:{locked.Call}" && e.Playback.MediaUri.Contains("phonegroups-enter-pin", StringComparison.Ordinal));
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<ChannelStateChange>(), e => e.Channel.Id == locked.Call && e.Channel.State == "Up");
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ACallAskedBeforeTheLockout_GetsNoTryAfterIt_EvenWithTheRightPassword()
    {
        var waiting = await Controller.PlaceCallFromSimulatedPhoneAsync("2003", "5550123"); // kept open, asked
        await WaitForPromptAsync(waiting, "phonegroups-enter-pin");
        for (var i = 0; i < 5; i++)
        {
            await MissOnceAndHangUpAsync();
        }

        await WaitUntilCallsAsync(1); // every failure counted: the waiting call is the one left

        await SendDigitsAsync(waiting, "4321#"); // the permission's right password

        Assert.Equal(21, (await Controller.WaitForHangupAsync(waiting.Phone, TimeSpan.FromSeconds(20))).Cause);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<StasisStart>(), e => e.Application == "phonegroups-sim" && e.Args.Contains("5550123"));
        await Controller.AssertNothingLeftAsync();
    }

    /// <summary>A call from 2003 asked for the password: one wrong try, then the caller hangs up (a failed challenge).</summary>
    private async Task MissOnceAndHangUpAsync()
    {
        var failed = await Controller.PlaceCallFromSimulatedPhoneAsync("2003", "5550123");
        await WaitForPromptAsync(failed, "phonegroups-enter-pin");
        await SendDigitsAsync(failed, "9#");
        await WaitForPromptAsync(failed, "phonegroups-pin-wrong");
        await Controller.Ari.HangupAsync(failed.Phone);
        await Controller.WaitForHangupAsync(failed.Call);
    }

    private async Task WaitUntilCallsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Controller.ActiveCalls != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{Controller.ActiveCalls} call(s) held 10 s after the caller hung up, not {count}");
            await Task.Delay(20);
        }
    }

    private Task WaitForPromptAsync(PlacedCall call, string prompt, int skip = 0) =>
        Controller.Events.WaitForAsync<PlaybackStarted>(e => e.Playback.TargetUri == $"channel:{call.Call}" && e.Playback.MediaUri.Contains($"sound:{prompt}", StringComparison.Ordinal)
            && Controller.Events.Snapshot().OfType<PlaybackStarted>().Count(p => p.Playback.TargetUri == $"channel:{call.Call}" && p.Playback.MediaUri.Contains($"sound:{prompt}", StringComparison.Ordinal)) > skip);

    /// <summary>DTMF from the phone: sent into its own Local half, it reaches the controller's half as a phone's digits would.</summary>
    private async Task SendDigitsAsync(PlacedCall call, string digits)
    {
        await Controller.Events.WaitForAsync<StasisStart>(e => e.Application == "phonegroups-sim" && e.Channel.Id == call.Phone); // answered: in the test's hands
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8088/ari/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("phonegroups:phonegroups")));
        using var response = await http.PostAsync($"channels/{call.Phone}/dtmf?dtmf={Uri.EscapeDataString(digits)}&between=150&duration=100", null);
        Assert.True(response.IsSuccessStatusCode, $"dtmf: {(int)response.StatusCode}");
    }
}
