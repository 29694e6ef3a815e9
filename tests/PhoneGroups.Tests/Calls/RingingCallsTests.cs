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
/// The pickup list: a call's completion takes its own ringing leg off, and only that one; a call ringing a
/// new leg no longer offers the old one.
/// </summary>
public sealed class RingingCallsTests : IDisposable
{
    private readonly RingingCalls _ringing = new();
    private readonly ControllerMetrics _metrics;
    private readonly CallServices _services;

    public RingingCallsTests()
    {
        var store = new PolicyStore(PolicyLoader.LoadText(ControllerUnderTest.DefaultPolicy).Policy!);
        var ari = Substitute.For<IAriClient>();
        _metrics = new ControllerMetrics(store);
        _services = new CallServices(ari, CallPipelineTests.App, new CallOptions(), store, new CallRouter(), _ringing,
            new PromptCatalog(ari, TimeProvider.System), NullLogger.Instance, _metrics, TimeProvider.System, _ => { });
    }

    public void Dispose() => _metrics.Dispose();

    [Fact]
    public void ForgettingACall_WithdrawsAndRemovesItsLegOnly()
    {
        var first = Leg(NewCall("A"), "201", "A-leg1");
        var second = Leg(NewCall("B"), "201", "B-leg1");
        var elsewhere = Leg(NewCall("C"), "202", "C-leg1");

        _ringing.Forget(first.Call);

        Assert.Equal(2, _ringing.Count);
        Assert.Equal([second], _ringing.Where(extension => extension == "201"));
        Assert.Equal([elsewhere], _ringing.Where(extension => extension == "202"));
        Assert.False(first.TryClaim(NewCall("P")));
        Assert.True(second.TryAnswer());
    }

    [Fact]
    public void ACallRingingANewLeg_NoLongerOffersTheOld()
    {
        var call = NewCall("A");
        var old = Leg(call, "201", "A-leg1");
        var next = Leg(call, "202", "A-leg2");

        Assert.Equal(1, _ringing.Count);
        Assert.Empty(_ringing.Where(extension => extension == "201"));
        Assert.False(old.TryClaim(NewCall("P")));

        _ringing.Forget(call);

        Assert.Equal(0, _ringing.Count);
        Assert.Empty(_ringing.Where(_ => true));
        Assert.False(next.TryClaim(NewCall("Q")));
    }

    [Fact]
    public void ALegRemovedBeforeItsCallEnds_LeavesNothingForTheCall()
    {
        var call = NewCall("A");
        var leg = Leg(call, "201", "A-leg1");

        _ringing.Remove(leg);
        _ringing.Forget(call);

        Assert.Equal(0, _ringing.Count);
        Assert.Empty(_ringing.Where(_ => true));
    }

    private RingingLeg Leg(Call call, string extension, string legId)
    {
        var leg = new RingingLeg(call, extension, legId, DateTimeOffset.UnixEpoch);
        _ringing.Add(leg);
        return leg;
    }

    private Call NewCall(string id) => new(id, _services, DateTimeOffset.UnixEpoch, EndedState.Instance);
}
