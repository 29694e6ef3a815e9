using Microsoft.Extensions.Logging;
using NSubstitute;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Configuration;

namespace PhoneGroups.Tests.Calls;

/// <summary>Emergency calls must not be lost: no ring timeout, every emergency route tried, one Warning line.</summary>
public sealed class EmergencyCallTests
{
    private const string Policy = """
        version: 1
        settings:
          emergencyNumbers: ["911"]
        groups:
          - name: Sales
            emergencyCallerId: "5550199"
            members: ["2001", "2002"]
        routes:
          - name: EmergencyA
            patterns: ["911"]
            dial: "PJSIP/{number}@trunk-a"
          - name: EmergencyB
            patterns: ["911"]
            dial: "PJSIP/{number}@trunk-b"
        """;

    [Fact]
    public async Task EmergencyLeg_RingsWithoutTimeout_AndBusyFailsOverToTheNextEmergencyRoute()
    {
        await using var sut = new ControllerUnderTest(Policy);
        await sut.StartAsync();

        sut.Asterisk.CallEnters("A", "2001", "911");
        await Eventually.Async(() => sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg1" && r.Endpoint == "PJSIP/911@trunk-a"), Arg.Any<CancellationToken>()));
        sut.Asterisk.LegEnters("A-leg1");
        await Eventually.Async(() => sut.Ari.Received().DialAsync("A-leg1", Arg.Any<string?>(), 0, Arg.Any<CancellationToken>()));
        ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)sut.Time).Advance(TimeSpan.FromSeconds(599)); // past the ordinary 30 s
        await Task.Delay(50);
        await sut.Ari.DidNotReceive().HangupAsync("A-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>());

        sut.DialStatus("A-leg1", "A", "BUSY"); // for an ordinary call, busy is the callee's answer and ends it

        await Eventually.Async(() => sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.ChannelId == "A-leg2" && r.Endpoint == "PJSIP/911@trunk-b"), Arg.Any<CancellationToken>()));
        await sut.Ari.DidNotReceive().HangupAsync("A", Arg.Any<int?>(), Arg.Any<CancellationToken>());
        Assert.Contains(sut.Log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Emergency call A from 2001 (group Sales) to 911: routes EmergencyA, EmergencyB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrunkCallRinging_AtShutdown_GoesToTheTrunkFallback_NeverOutAgain()
    {
        await using var sut = new ControllerUnderTest(Policy, options: new CallOptions { ShutdownTimeoutSeconds = 0 });
        await sut.StartAsync();
        sut.Asterisk.Send(new StasisStart
        {
            Type = nameof(StasisStart),
            Application = CallPipelineTests.App,
            Channel = new Channel { Id = "T", Name = "PJSIP/trunk-b-00000001", ChannelVars = new() { ["PHONEGROUPS_CALLER"] = "", ["PHONEGROUPS_ORIGIN"] = "trunk", ["PHONEGROUPS_ORIGINAL_CALLERID"] = "" } },
            Args = ["2002"],
        });
        sut.Asterisk.LegEnters("T-leg1");
        await Eventually.Async(() => sut.Ari.Received().DialAsync("T-leg1", "T", 0, Arg.Any<CancellationToken>()));

        await sut.StopAsync();

        await sut.Ari.Received().ContinueAsync("T", "controller-down-trunk", "s", 1, Arg.Any<CancellationToken>());
    }
}
