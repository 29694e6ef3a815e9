using NSubstitute;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Configuration;

namespace PhoneGroups.Tests.Calls;

/// <summary>Calls the controller hands back to the dialplan: a route with a context, and denials with Calls:DenialContext.</summary>
public sealed class DialplanHandoffTests
{
    private const string Policy = """
        version: 1
        groups:
          - name: Sales
            members: ["2001", "2002"]
            routes: [{ name: Intl, callerId: "5550100" }]
          - name: Finance
            isolated: true
            members: ["1001"]
        routes:
          - name: Intl
            patterns: ["_011."]
            context: outbound-intl
            strip: 3
            prefix: "00"
        """;

    [Fact]
    public async Task ContextRoute_ContinuesTheCallerInTheRoutesContext_AtTheRoutesNumber_WithTheGroupsCallerId()
    {
        await using var sut = new ControllerUnderTest(Policy);
        await sut.StartAsync();

        Enters(sut, "A", "2001", "0114930123", callerIdNumber: "2001");

        await Eventually.Async(() => sut.Ari.Received().ContinueAsync("A", "outbound-intl", "004930123", 1, Arg.Any<CancellationToken>()));
        Received.InOrder(() =>
        {
            // The caller's own number is kept, to be put back if the call comes to the controller again.
            sut.Ari.SetVariableAsync("A", "PHONEGROUPS_ORIGINAL_CALLERID", "2001", Arg.Any<CancellationToken>());
            sut.Ari.SetVariableAsync("A", "CALLERID(num)", "5550100", Arg.Any<CancellationToken>());
            sut.Ari.ContinueAsync("A", "outbound-intl", "004930123", 1, Arg.Any<CancellationToken>());
        });
        await sut.Ari.DidNotReceiveWithAnyArgs().CreateChannelAsync(default!);
        await sut.Ari.DidNotReceiveWithAnyArgs().HangupAsync(default!);
        await Eventually.True(() => sut.Controller.ActiveCalls == 0); // the dialplan owns the channel now
    }

    [Fact]
    public async Task CallHandedBackToTheController_BeforeItsContinueWasAnswered_IsDecidedAsANewCall_NotIgnored()
    {
        // A route's dialplan that sends the call straight back to Stasis() (FreePBX-style handback): the channel's
        // new StasisStart can arrive while the old call still waits for Asterisk's answer to its continue.
        await using var sut = new ControllerUnderTest(Policy);
        var continued = new TaskCompletionSource();
        sut.Ari.ContinueAsync("A", "outbound-intl", Arg.Any<string?>(), Arg.Any<int?>(), Arg.Any<CancellationToken>()).Returns(continued.Task);
        await sut.StartAsync();

        Enters(sut, "A", "2001", "0114930123", callerIdNumber: "2001");
        await Eventually.Async(() => sut.Ari.Received().ContinueAsync("A", "outbound-intl", "004930123", 1, Arg.Any<CancellationToken>()));
        sut.Asterisk.Send(new StasisEnd { Type = nameof(StasisEnd), Application = CallPipelineTests.App, Channel = new Channel { Id = "A" } }); // it left for the dialplan
        Enters(sut, "A", "2001", "2002", callerIdNumber: "2001"); // and is back, as a call to 2002
        continued.SetResult();

        await Eventually.Async(() => sut.Ari.Received().CreateChannelAsync(Arg.Is<CreateChannelRequest>(r => r.Endpoint == "PJSIP/2002"), Arg.Any<CancellationToken>()));
        await Eventually.True(() => sut.Controller.ActiveCalls == 1); // the old call is over; the new one rings 2002
    }

    [Fact]
    public async Task DeniedCall_WithADenialContext_ContinuesThereAtTheDialedNumber_WithTheReason_AndNoPrompt()
    {
        await using var sut = new ControllerUnderTest(options: new CallOptions { DenialContext = "custom-denied" });
        await sut.StartAsync();

        sut.Asterisk.CallEnters("A", "1001", "2001"); // Finance is isolated

        await Eventually.Async(() => sut.Ari.Received().ContinueAsync("A", "custom-denied", "2001", 1, Arg.Any<CancellationToken>()));
        await sut.Ari.Received().SetVariableAsync("A", "PHONEGROUPS_REASON", "isolation", Arg.Any<CancellationToken>());
        await sut.Ari.DidNotReceiveWithAnyArgs().PlayAsync(default!, default!);
        await sut.Ari.DidNotReceiveWithAnyArgs().ProgressAsync(default!);
        await sut.Ari.DidNotReceiveWithAnyArgs().HangupAsync(default!);
    }

    [Fact]
    public async Task DeniedInjectedNumber_WithADenialContext_EntersItAtTheInvalidExtension_NeverAtWhatWasDialed()
    {
        await using var sut = new ControllerUnderTest(options: new CallOptions { DenialContext = "custom-denied" });
        await sut.StartAsync();

        sut.Asterisk.CallEnters("A", "2001", "2002&PJSIP/9999@trunk-a");

        await Eventually.Async(() => sut.Ari.Received().ContinueAsync("A", "custom-denied", "i", 1, Arg.Any<CancellationToken>()));
        await sut.Ari.Received().SetVariableAsync("A", "PHONEGROUPS_REASON", "invalid-number", Arg.Any<CancellationToken>());
        await sut.Ari.DidNotReceive().ContinueAsync(Arg.Any<string>(), Arg.Any<string?>(), Arg.Is<string?>(e => e != null && e.Contains('&', StringComparison.Ordinal)), Arg.Any<int?>(), Arg.Any<CancellationToken>());
        await sut.Ari.DidNotReceiveWithAnyArgs().CreateChannelAsync(default!);
    }

    private static void Enters(ControllerUnderTest sut, string channelId, string caller, string dialed, string callerIdNumber) => sut.Asterisk.Send(new StasisStart
    {
        Type = nameof(StasisStart),
        Application = CallPipelineTests.App,
        Channel = new Channel
        {
            Id = channelId,
            Name = $"Local/{dialed}@phonegroups-test-0001;2",
            Caller = new CallerId { Number = callerIdNumber },
            ChannelVars = new() { ["PHONEGROUPS_CALLER"] = caller, ["PHONEGROUPS_ORIGIN"] = "", ["PHONEGROUPS_ORIGINAL_CALLERID"] = "" },
        },
        Args = [dialed],
    });
}
