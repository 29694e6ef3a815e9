using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>
/// Real SIP: SIPp phones on 127.0.0.x, identified by address (asterisk-conf/pjsip.conf), calling through
/// Asterisk and the controller with the sample policy asterisk-conf/policy.yaml.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class SipPhoneTests(AsteriskFixture asterisk)
    : ControllerTest(asterisk, Path.Combine(RepositoryRoot.Path, "asterisk-conf", "policy.yaml"))
{
    private const string Reception1000 = "127.0.0.10";
    private const string Finance1001 = "127.0.0.11";
    private const string Sales2001 = "127.0.0.21";
    private const string TrunkA = "127.0.0.50";

    [Fact]
    public async Task CallBetweenTwoPhones_IsBridged()
    {
        await using var callee = await SippPhone.AnswerAsync(Sales2001);
        await using var caller = await SippPhone.CallAsync(Reception1000, "2001", talk: TimeSpan.FromSeconds(2));

        await caller.AssertSucceededAsync();
        await callee.AssertSucceededAsync();
        Assert.Contains("SIP/2.0 200 OK", caller.Messages, StringComparison.Ordinal);
        Assert.Contains(Controller.Events.Snapshot().OfType<ChannelEnteredBridge>(), e => e.Channel.Name.StartsWith("PJSIP/2001-", StringComparison.Ordinal));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DeniedCall_HearsEarlyMedia_ThenGetsTheRejectionCause()
    {
        await using var caller = await SippPhone.CallAsync(Finance1001, "2001", talk: TimeSpan.FromSeconds(1));

        await caller.AssertSucceededAsync();
        var messages = caller.Messages;
        Assert.Contains("SIP/2.0 183 Session Progress", messages, StringComparison.Ordinal); // the prompt, not answered
        Assert.DoesNotContain("SIP/2.0 200 OK", messages, StringComparison.Ordinal);
        Assert.Contains("SIP/2.0 403", messages, StringComparison.Ordinal);
        Assert.Contains("cause=21", messages, StringComparison.Ordinal); // Reason: Q.850;cause=21
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task OutboundCall_ReachesTheTrunkWithTheGroupsCallerId()
    {
        await using var trunk = await SippPhone.AnswerAsync(TrunkA);
        await using var caller = await SippPhone.CallAsync(Sales2001, "5550123", talk: TimeSpan.FromSeconds(1));

        await caller.AssertSucceededAsync();
        await trunk.AssertSucceededAsync();
        var invite = trunk.Messages[trunk.Messages.IndexOf("INVITE sip:5550123@", StringComparison.Ordinal)..];
        invite = invite[..invite.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.Matches(@"(?m)^From:.*sip:5550100@", invite);
        Assert.Matches(@"(?m)^P-Asserted-Identity:.*sip:5550100@", invite);
        Assert.DoesNotContain("sip:2001@", trunk.Messages, StringComparison.Ordinal); // the extension never leaks, not even on re-INVITE
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CallFromTheTrunk_ReachesAnExtension_ButMayNotCallOut()
    {
        // The carrier is not an extension: the sample policy's unknownCallers is internal-only.
        await using (var callee = await SippPhone.AnswerAsync(Sales2001))
        await using (var inbound = await SippPhone.CallAsync(TrunkA, "2001", talk: TimeSpan.FromSeconds(1)))
        {
            await inbound.AssertSucceededAsync();
            await callee.AssertSucceededAsync();
            Assert.Contains("SIP/2.0 200 OK", inbound.Messages, StringComparison.Ordinal);
        }

        await using var tollFraud = await SippPhone.CallAsync(TrunkA, "5550123", talk: TimeSpan.FromSeconds(1));
        await tollFraud.AssertSucceededAsync();
        Assert.DoesNotContain("SIP/2.0 200 OK", tollFraud.Messages, StringComparison.Ordinal);
        Assert.Contains("cause=21", tollFraud.Messages, StringComparison.Ordinal);
        await Controller.AssertNothingLeftAsync();
    }
}
