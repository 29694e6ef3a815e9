using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Transfers;

/// <summary>
/// An attended transfer by a real SIP phone: 2001 has a call from the trunk on one line and its own call out
/// on another (SIPp on a second port of the same address, so the same endpoint), then REFERs the trunk caller
/// with Replaces naming the second call. Outside to outside: decided as 2001 calling the number it called.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class AttendedTransferTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "forwards.yaml")
{
    private const string Sales2001 = "127.0.0.21";
    private const string TrunkA = "127.0.0.50";

    [Fact]
    public async Task TrunkCallerJoinedWithTheTransferersOutsideCall_TheTwoTalk_AndTheTransfererLeavesBothCalls()
    {
        await using var secondLine = await SippPhone.CallFromSecondLineAsync(Sales2001, "5551234");
        var target = await Controller.WaitForRingingAtAsync("5551234", TimeSpan.FromSeconds(15));
        await Controller.Ari.AnswerAsync(target.Channel.Id);
        await Controller.Events.WaitForAsync<ChannelEnteredBridge>(e => e.Channel.Name.StartsWith("Local/5551234@phonegroups-sim-", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var dialog = await WaitForDialogAsync(secondLine);

        await using var transferer = await SippPhone.AnswerAndTransferAttendedAsync(Sales2001, dialog);
        await using var outside = await SippPhone.CallUntilHungUpAsync(TrunkA, "2001");

        await transferer.AssertSucceededAsync();
        Assert.Equal(["SIP/2.0 100 Trying", "SIP/2.0 200 OK"], transferer.TransferOutcomes);
        await secondLine.AssertSucceededAsync(); // its call ended with the transfer: Asterisk hung it up
        var joined = await Controller.Events.WaitForAsync<ChannelEnteredBridge>(
            e => e.Channel.Name.StartsWith("Local/5551234@phonegroups-sim-", StringComparison.Ordinal) && e.Bridge.Channels.Count >= 2
                && Controller.Events.Snapshot().OfType<ChannelEnteredBridge>().Any(t => t.Bridge.Id == e.Bridge.Id && t.Channel.Name.StartsWith("PJSIP/trunk-a-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10));
        var members = (await Controller.Ari.GetBridgeAsync(joined.Bridge.Id)).Channels;
        Assert.Equal(2, members.Count); // the outside caller and the target; 2001 is in neither call

        await Controller.Ari.HangupAsync(target.Channel.Id);
        await outside.AssertSucceededAsync();
        await Controller.AssertNothingLeftAsync();
    }

    private static async Task<(string CallId, string AsteriskTag, string PhoneTag)> WaitForDialogAsync(SippPhone phone)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (phone.PlacedDialog is { } dialog)
            {
                return dialog;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the second line's call was not answered: {phone.Messages}");
    }
}
