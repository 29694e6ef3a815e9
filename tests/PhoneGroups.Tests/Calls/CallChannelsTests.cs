using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Calls;
using PhoneGroups.Configuration;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// Who owns a channel, and what the router is told: a pickup or an attended transfer moves a channel only while
/// its call still owns it, once, and a call letting go of a channel it gave away leaves it with the taker.
/// </summary>
public sealed class CallChannelsTests : IDisposable
{
    private readonly CallRouter _router = new();
    private readonly ControllerMetrics _metrics;
    private readonly CallServices _services;

    public CallChannelsTests()
    {
        var store = new PolicyStore(PolicyLoader.LoadText(ControllerUnderTest.DefaultPolicy).Policy!);
        var ari = Substitute.For<IAriClient>();
        _metrics = new ControllerMetrics(store);
        _services = new CallServices(ari, CallPipelineTests.App, new CallOptions(), store, _router, new RingingCalls(),
            new PromptCatalog(ari, TimeProvider.System), NullLogger.Instance, _metrics, TimeProvider.System, _ => { });
    }

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public void ACallerPickedUp_BelongsToThePicker_AndStaysHisWhenTheRingingCallLetsGoAndEnds()
    {
        var ringing = NewCall("A");
        var picker = NewCall("P");

        Assert.True(ringing.Channels.TryGiveCallerTo(picker));

        Assert.Same(picker, _router.OwnerOf("A"));
        Assert.Empty(ringing.Channels.Owned);
        Assert.Contains("A", picker.Channels.Existing);
        Assert.False(ringing.Channels.Release("A")); // the caller's hangup, handled late by the ringing call
        _router.Remove(ringing, ringing.Channels.Close());
        Assert.Same(picker, _router.OwnerOf("A"));
    }

    [Fact]
    public void AChannelReleasedAlready_IsNotGiven_AndTheRouterIsNotReassigned()
    {
        var other = NewCall("A");
        var taker = NewCall("B");
        other.Channels.Own("A-leg1");
        Assert.True(other.Channels.Release("A-leg1"));

        Assert.False(other.Channels.TryGiveTo(taker, "A-leg1"));

        Assert.Null(_router.OwnerOf("A-leg1"));
        Assert.DoesNotContain("A-leg1", taker.Channels.Owned);
    }

    [Fact]
    public void AChannelGivenAlready_IsNotGivenAgain()
    {
        var ringing = NewCall("A");
        var first = NewCall("P");
        var second = NewCall("Q");

        Assert.True(ringing.Channels.TryGiveCallerTo(first));
        Assert.False(ringing.Channels.TryGiveCallerTo(second));

        Assert.Same(first, _router.OwnerOf("A"));
        Assert.DoesNotContain("A", second.Channels.Owned);
    }

    [Fact]
    public void PickupsRacingTheCallerHangingUp_ExactlyOneWins_AndTheRouterNamesTheWinner()
    {
        for (var round = 0; round < 50; round++)
        {
            var ringing = NewCall($"A{round}");
            var pickers = Enumerable.Range(0, 3).Select(i => NewCall($"P{round}-{i}")).ToList();
            var contenders = pickers.Select(p => (Func<bool>)(() => ringing.Channels.TryGiveCallerTo(p)))
                .Append(() => ringing.Channels.Release(ringing.Id)).ToList();

            var won = RunTogether(contenders);

            Assert.Single(won, w => w);
            var winner = won.IndexOf(true) < pickers.Count ? pickers[won.IndexOf(true)] : null;
            Assert.Same(winner, _router.OwnerOf(ringing.Id));
            Assert.All(pickers, p => Assert.Equal(p == winner, p.Channels.Owned.Contains(ringing.Id)));
        }
    }

    [Fact]
    public void ALegBeingCreated_IsOwnedAndRouted_ButNotExisting_UntilAsteriskCreatedIt()
    {
        var call = NewCall("A");

        call.Channels.Own("A-leg1", beforeCreation: true);

        Assert.Same(call, _router.OwnerOf("A-leg1"));
        Assert.Contains("A-leg1", call.Channels.Owned);
        Assert.DoesNotContain("A-leg1", call.Channels.Existing);
        call.Channels.Created("A-leg1");
        Assert.Contains("A-leg1", call.Channels.Existing);
    }

    [Fact]
    public void AClosedCall_OwnsNothing_AndTheRouterForgetsItsChannels_ButNotOnesItGaveAway()
    {
        var call = NewCall("A");
        var taker = NewCall("B");
        call.Channels.Own("A-leg1");
        call.Channels.Own("A-leg2");
        Assert.True(call.Channels.TryGiveTo(taker, "A-leg2"));

        var everOwned = call.Channels.Close();
        _router.Remove(call, everOwned);

        Assert.Equal(["A", "A-leg1", "A-leg2"], everOwned.Order(StringComparer.Ordinal));
        Assert.Empty(call.Channels.Owned);
        Assert.Null(_router.OwnerOf("A"));
        Assert.Null(_router.OwnerOf("A-leg1"));
        Assert.Same(taker, _router.OwnerOf("A-leg2"));
    }

    private Call NewCall(string id) => new(id, _services, DateTimeOffset.UnixEpoch, EndedState.Instance);

    /// <summary>Runs each on its own thread, all released at once; what each returned, in order.</summary>
    private static List<bool> RunTogether(List<Func<bool>> actions)
    {
        var results = new bool[actions.Count];
        using var start = new Barrier(actions.Count);
        var threads = actions.Select((action, i) => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = action();
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return [.. results];
    }
}
