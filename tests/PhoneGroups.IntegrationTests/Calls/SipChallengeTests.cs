using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Calls;

/// <summary>
/// The call-permission password typed on a real SIP phone (SIPp): the digits arrive as RFC 2833 telephone
/// events in its RTP stream, as a desk phone's keypad sends them.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class SipChallengeTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "challenge-sip.yaml")
{
    private const string Sales2001 = "127.0.0.21";

    [Fact]
    public async Task RightPassword_TypedOnASipPhoneWithRfc2833_TheCallGoesOut()
    {
        await using var phone = await SippPhone.CallAndTypePasswordAsync(Sales2001, "5550123", talk: TimeSpan.FromSeconds(4));

        var carrier = await Controller.WaitForRingingAtAsync("5550123", TimeSpan.FromSeconds(20));
        Assert.Equal("5550100", carrier.Channel.Caller.Number);
        var caller = (await Controller.Ari.ListChannelsAsync()).Single(c => c.Name.StartsWith("PJSIP/2001-", StringComparison.Ordinal)).Id;
        Assert.Equal("premium-sales", await Controller.Ari.GetVariableAsync(caller, "CHANNEL(accountcode)"));
        await Controller.Ari.AnswerAsync(carrier.Channel.Id);
        await Controller.WaitForBridgedAsync(caller);

        await phone.AssertSucceededAsync(); // its BYE after the talk
        Assert.Contains("SIP/2.0 200 OK", phone.Messages, StringComparison.Ordinal);
        await Controller.WaitForHangupAsync(carrier.Channel.Id);
        await Controller.AssertNothingLeftAsync();
    }
}
