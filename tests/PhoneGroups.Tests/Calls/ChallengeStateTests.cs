using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Calls;

namespace PhoneGroups.Tests.Calls;

/// <summary>The password challenge with a scripted ARI: digits, the pause, three tries, the lockout.</summary>
public sealed class ChallengeStateTests : IAsyncLifetime
{
    private const string Policy = """
        version: 1
        groups:
          - name: Sales
            members: ["2001", { number: "2002", pin: "7777" }]
            routes: [{ name: Out, callerId: "5550100" }]
        routes:
          - name: Out
            patterns: ["_NXXXXXX"]
            dial: "PJSIP/{number}@trunk-a"
        permissions:
          - name: Premium
            numbers: ["_555XXXX"]
            groups: [Sales]
            password: "4321"
            accountCode: premium-sales
        """;

    private readonly FakeTimeProvider _time = new();
    private readonly ControllerUnderTest _sut;

    public ChallengeStateTests() => _sut = new ControllerUnderTest(Policy, time: _time);

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task RightPassword_DialsTheRoute_WithTheAccountCodeOnTheLeg()
    {
        await ChallengedAsync("A", "2001");

        Type("A", "4321#");

        await Eventually.Async(() => _sut.Ari.Received().SetVariableAsync("A", "CHANNEL(accountcode)", "premium-sales", Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg1" && r.Endpoint == "PJSIP/5550123@trunk-a"
            && r.Variables!["CHANNEL(accountcode)"] == "premium-sales" && r.Variables["CONNECTEDLINE(num,i)"] == "5550100"), Arg.Any<CancellationToken>()));
        Assert.DoesNotContain(_sut.Log.Lines, l => l.Message.Contains("4321", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThreeWrongTries_AreDenied_WithTheDenialCause()
    {
        await ChallengedAsync("A", "2001");

        Type("A", "1#");
        await Eventually.Async(() => _sut.Ari.Received().PlayAsync("A", Arg.Is<IReadOnlyList<string>>(m => m[0] == "sound:phonegroups-pin-wrong"), Arg.Any<string?>(), "A-pin2", Arg.Any<CancellationToken>()));
        Type("A", "2#");
        await Eventually.Async(() => _sut.Ari.Received().PlayAsync("A", Arg.Any<IReadOnlyList<string>>(), Arg.Any<string?>(), "A-pin3", Arg.Any<CancellationToken>()));
        Type("A", "3#");

        await Eventually.Async(() => _sut.Ari.Received().PlayAsync("A", Arg.Is<IReadOnlyList<string>>(m => m[0] == "sound:ss-noservice"), Arg.Any<string?>(), "A-denial", Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Any<CreateChannelRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task APause_ChecksWhatWasTyped()
    {
        await ChallengedAsync("A", "2001");
        Type("A", "4321");

        await Eventually.Async(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            return _sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg1"), Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task TheExtensionsPin_ReplacesTheGroupPermissionsPassword_OnlyAtUserLevel()
    {
        await ChallengedAsync("B", "2002"); // group-level permission: 2002's pin does not replace it
        Type("B", "4321#");
        await Eventually.Async(() => _sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "B-leg1"), Arg.Any<CancellationToken>()));
    }

    [Fact]
    public async Task AfterFiveFailedChallenges_TheNextIsRefusedWithoutAsking()
    {
        for (var i = 0; i < 5; i++)
        {
            await FailChallengeAsync($"F{i}", "2001");
        }

        _sut.Asterisk.CallEnters("L", "2001", "5550123");

        await Eventually.Async(() => _sut.Ari.Received().PlayAsync("L", Arg.Is<IReadOnlyList<string>>(m => m[0] == "sound:ss-noservice"), Arg.Any<string?>(), "L-denial", Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().AnswerAsync("L", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ACallerLockedOutByItsOtherCalls_LosesTheTriesLeft_EvenWithTheRightPassword()
    {
        // A brute-forcer opens one call more than the lockout allows, and guesses on the others in parallel.
        await ChallengedAsync("W", "2001");
        for (var i = 0; i < 5; i++)
        {
            await FailChallengeAsync($"P{i}", "2001");
        }

        Type("W", "4321#"); // asked before the lockout; its next try comes after it

        await Eventually.Async(() => _sut.Ari.Received().PlayAsync("W", Arg.Is<IReadOnlyList<string>>(m => m[0] == "sound:ss-noservice"), Arg.Any<string?>(), "W-denial", Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "W-leg1"), Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().SetVariableAsync("W", "CHANNEL(accountcode)", Arg.Any<string>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HangingUpAfterAWrongTry_CountsAsAFailedChallenge()
    {
        // Otherwise a brute-forcer hangs up after two wrong tries, calls again, and is never locked out.
        for (var i = 0; i < 5; i++)
        {
            var id = $"H{i}";
            await ChallengedAsync(id, "2001");
            Type(id, "1#");
            await Eventually.Async(() => _sut.Ari.Received().PlayAsync(id, Arg.Any<IReadOnlyList<string>>(), Arg.Any<string?>(), $"{id}-pin2", Arg.Any<CancellationToken>()));
            _sut.Asterisk.Destroyed(id);
        }

        _sut.Asterisk.CallEnters("L", "2001", "5550123");

        await Eventually.Async(() => _sut.Ari.Received().PlayAsync("L", Arg.Is<IReadOnlyList<string>>(m => m[0] == "sound:ss-noservice"), Arg.Any<string?>(), "L-denial", Arg.Any<CancellationToken>()));
        await _sut.Ari.DidNotReceive().AnswerAsync("L", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task HangingUpBeforeAnyTry_DoesNotCount()
    {
        for (var i = 0; i < 5; i++)
        {
            var id = $"Q{i}";
            await ChallengedAsync(id, "2001");
            _sut.Asterisk.Destroyed(id);
        }

        await ChallengedAsync("L", "2001"); // still asked
    }

    [Fact]
    public async Task APauseEndingWhileTheHashWaitsItsTurn_IsIgnored_AndTheCallGoesOn()
    {
        await ChallengedAsync("A", "2001");
        Type("A", "4321");
        // Something keeps the call busy (here a REFER being refused) while '#' and the end of the pause arrive.
        var busy = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _sut.Ari.TransferProgressAsync("A", Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(busy.Task);
        _sut.Asterisk.Send(new ChannelTransfer
        {
            Type = nameof(ChannelTransfer),
            Application = CallPipelineTests.App,
            ReferTo = new ReferTo { RequestedDestination = new RequestedDestination { Destination = "2002" } },
            ReferredBy = new ReferredBy { SourceChannel = new Channel { Id = "A" } },
        });
        Type("A", "#");
        _time.Advance(ChallengingState.DigitPause); // the pause's signal queues behind '#'
        busy.SetResult(true);
        await _sut.InState("A", "Dialing"); // '#' checked the password
        _sut.Asterisk.LegEnters("A-leg1"); // handled after the pause's signal
        await Eventually.Async(() => _sut.Ari.Received().DialAsync("A-leg1", Arg.Any<string?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>()));

        await _sut.Ari.DidNotReceive().ContinueAsync("A", Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().HangupAsync("A-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>());
        Assert.Contains(_sut.Controller.Calls, c => c.Id == "A" && c.State.Name == "Dialing");
    }

    private async Task ChallengedAsync(string callId, string from)
    {
        _sut.Asterisk.CallEnters(callId, from, "5550123");
        await Eventually.Async(() => _sut.Ari.Received().AnswerAsync(callId, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().PlayAsync(callId, Arg.Is<IReadOnlyList<string>>(m => m.Single() == "sound:phonegroups-enter-pin"), Arg.Any<string?>(), $"{callId}-pin1", Arg.Any<CancellationToken>()));
    }

    /// <summary>A call from <paramref name="from"/> asked for the password, three wrong tries, denied.</summary>
    private async Task FailChallengeAsync(string callId, string from)
    {
        await ChallengedAsync(callId, from);
        Type(callId, "1#");
        Type(callId, "2#");
        Type(callId, "3#");
        await Eventually.Async(() => _sut.Ari.Received().PlayAsync(callId, Arg.Is<IReadOnlyList<string>>(m => m[0] == "sound:ss-noservice"), Arg.Any<string?>(), $"{callId}-denial", Arg.Any<CancellationToken>()));
    }

    private void Type(string callId, string digits)
    {
        foreach (var digit in digits)
        {
            _sut.Asterisk.Send(new ChannelDtmfReceived { Type = nameof(ChannelDtmfReceived), Application = CallPipelineTests.App, Channel = new Channel { Id = callId }, Digit = digit.ToString() });
        }
    }
}
