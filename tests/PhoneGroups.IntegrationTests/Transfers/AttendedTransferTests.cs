using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Transfers;

/// <summary>
/// Attended transfers by real SIP phones (REFER with Replaces naming the phone's other call). A second line is
/// SIPp on a second port of the same address (so the same endpoint); a phone with call waiting is one SIPp
/// answering two calls. Joining two parties from outside is decided as the transferer calling the second one.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class AttendedTransferTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "forwards.yaml")
{
    private const string Sales2001 = "127.0.0.21";
    private const string Sales2002 = "127.0.0.22";
    private const string Lobby3001 = "127.0.0.31";
    private const string TrunkA = "127.0.0.50";

    [Fact]
    public async Task TwoExtensionsJoinedByAnAttendedTransfer_TalkToEachOther_WithoutADecision_AndTheTransfererLeaves()
    {
        await using var secondLine = await SippPhone.CallFromSecondLineAsync(Sales2001, "2003");
        var colleague = await Controller.WaitForRingingAtAsync("2003", TimeSpan.FromSeconds(15));
        await Controller.Ari.AnswerAsync(colleague.Channel.Id);
        await Controller.Events.WaitForAsync<ChannelEnteredBridge>(e => e.Channel.Name.StartsWith("Local/2003@phonegroups-sim-", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var dialog = await WaitForDialogAsync(secondLine);

        await using var transferer = await SippPhone.AnswerAndTransferAttendedAsync(Sales2001, "2001", dialog);
        await using var caller = await SippPhone.CallUntilHungUpAsync(Sales2002, "2001");

        await transferer.AssertSucceededAsync();
        Assert.Equal(["SIP/2.0 100 Trying", "SIP/2.0 200 OK"], transferer.TransferOutcomes);
        await secondLine.AssertSucceededAsync();
        var joined = await Controller.Events.WaitForAsync<ChannelEnteredBridge>(
            e => e.Channel.Name.StartsWith("Local/2003@phonegroups-sim-", StringComparison.Ordinal) && e.Bridge.Channels.Count >= 2
                && Controller.Events.Snapshot().OfType<ChannelEnteredBridge>().Any(t => t.Bridge.Id == e.Bridge.Id && t.Channel.Name.StartsWith("PJSIP/2002-", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10));
        var members = new List<string>();
        foreach (var id in (await Controller.Ari.GetBridgeAsync(joined.Bridge.Id)).Channels)
        {
            members.Add((await Controller.Ari.GetChannelAsync(id)).Name);
        }

        Assert.Equal(2, members.Count); // 2002 and 2003; 2001 is in neither call any more
        Assert.Contains(members, name => name.StartsWith("PJSIP/2002-", StringComparison.Ordinal));
        Assert.Equal(1, await Controller.ReadCounterAsync("phonegroups_transfers_total", ("kind", "attended"), ("decision", "allow")));

        await Controller.Ari.HangupAsync(colleague.Channel.Id);
        await caller.AssertSucceededAsync(); // 2002 gets the BYE when 2003 hangs up
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task TwoCallersFromOutside_JoinedByAnIsolatedExtension_IsDeclined_AndTheSecondCallStays()
    {
        // 3001 (Lobby: isolated, no route) has two calls from the trunk and tries to connect them: that is
        // 3001 calling the second caller's number, which it may not.
        await using var lobby = await SippPhone.AnswerTwoAndJoinAsync(Lobby3001, "3001");
        await using var first = await SippPhone.CallUntilHungUpAsync(TrunkA, "3001", callerNumber: "5550111");
        await Controller.Events.WaitForAsync<ChannelEnteredBridge>(e => e.Channel.Name.StartsWith("PJSIP/3001-", StringComparison.Ordinal), TimeSpan.FromSeconds(15));
        await using var second = await SippPhone.CallUntilHungUpAsync(TrunkA, "3001", callerNumber: "5550122", port: 5070);
        var secondCaller = await Controller.Events.WaitForAsync<ChannelEnteredBridge>(
            e => e.Channel.Name.StartsWith("PJSIP/trunk-a-", StringComparison.Ordinal) && e.Channel.Caller.Number == "5550122", TimeSpan.FromSeconds(15));
        var secondBridge = await Controller.WaitForBridgedAsync(secondCaller.Channel.Id, TimeSpan.FromSeconds(15));

        await first.AssertSucceededAsync(); // the phone hung up its first call after the refusal
        Assert.Equal(["SIP/2.0 603 Decline"], lobby.TransferOutcomes.Where(o => !o.StartsWith("SIP/2.0 100", StringComparison.Ordinal)));
        var members = (await Controller.Ari.GetBridgeAsync(secondBridge.Bridge.Id)).Channels;
        Assert.Equal(2, members.Count); // the second caller still talks to 3001
        Assert.Contains(secondCaller.Channel.Id, members);
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<ChannelEnteredBridge>(),
            e => e.Bridge.Id == secondBridge.Bridge.Id && e.Channel.Caller.Number == "5550111"); // never joined
        // Refused by the decision (3001 calling 5550122), not for want of a call to join.
        Assert.Equal(1, await Controller.ReadCounterAsync("phonegroups_transfers_total", ("kind", "attended"), ("decision", "deny")));

        await Controller.Ari.HangupAsync(secondCaller.Channel.Id);
        await second.AssertSucceededAsync();
        await lobby.AssertSucceededAsync(); // its second call got the BYE
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task TrunkCallerJoinedWithTheTransferersOutsideCall_TheTwoTalk_AndTheTransfererLeavesBothCalls()
    {
        await using var secondLine = await SippPhone.CallFromSecondLineAsync(Sales2001, "5551234");
        var target = await Controller.WaitForRingingAtAsync("5551234", TimeSpan.FromSeconds(15));
        await Controller.Ari.AnswerAsync(target.Channel.Id);
        await Controller.Events.WaitForAsync<ChannelEnteredBridge>(e => e.Channel.Name.StartsWith("Local/5551234@phonegroups-sim-", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var dialog = await WaitForDialogAsync(secondLine);

        await using var transferer = await SippPhone.AnswerAndTransferAttendedAsync(Sales2001, "2001", dialog);
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
