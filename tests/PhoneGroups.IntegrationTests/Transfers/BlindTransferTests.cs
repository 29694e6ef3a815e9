using PhoneGroups.Ari.Events;
using PhoneGroups.IntegrationTests.Infrastructure;

namespace PhoneGroups.IntegrationTests.Transfers;

/// <summary>
/// Blind transfers by real SIP phones (SIPp REFER, answer-and-transfer.xml) through Asterisk's ari-only
/// transfer handling: the classic toll fraud, a caller from the trunk transferred to an outside number, is
/// decided as the extension that transfers.
/// </summary>
[Collection(AsteriskCollection.Name)]
public sealed class BlindTransferTests(AsteriskFixture asterisk) : ControllerTest(asterisk, "forwards.yaml")
{
    private const string Sales2001 = "127.0.0.21";
    private const string Lobby3001 = "127.0.0.31";
    private const string TrunkA = "127.0.0.50";

    [Fact]
    public async Task TrunkCallerTransferredByAnExtensionWithTheRoute_IsBridgedWithTheTarget_AndTheTransfererSeesNotify200()
    {
        await using var transferer = await SippPhone.AnswerAndTransferAsync(Sales2001, "5551234");
        await using var outside = await SippPhone.CallUntilHungUpAsync(TrunkA, "2001");

        var target = await Controller.WaitForRingingAtAsync("5551234", TimeSpan.FromSeconds(15));
        Assert.Equal("5550100", target.Channel.Caller.Number); // Sales' caller ID: the transferer's group
        await Controller.Ari.AnswerAsync(target.Channel.Id);
        // The controller's leg to the target (the Local channel's other half) joins the outside caller's bridge.
        var joined = await Controller.Events.WaitForAsync<ChannelEnteredBridge>(
            e => e.Channel.Name.StartsWith("Local/5551234@phonegroups-sim-", StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        await transferer.AssertSucceededAsync();
        Assert.Equal(["SIP/2.0 100 Trying", "SIP/2.0 200 OK"], transferer.TransferOutcomes);
        var members = new List<string>();
        foreach (var id in (await Controller.Ari.GetBridgeAsync(joined.Bridge.Id)).Channels)
        {
            members.Add((await Controller.Ari.GetChannelAsync(id)).Name);
        }

        Assert.Equal(2, members.Count); // the transferer is gone
        Assert.Contains(members, name => name.StartsWith("PJSIP/trunk-a-", StringComparison.Ordinal));
        Assert.Contains(members, name => name.StartsWith("Local/5551234@phonegroups-sim-", StringComparison.Ordinal));

        await Controller.Ari.HangupAsync(target.Channel.Id); // the target hangs up: the outside caller gets the BYE
        await outside.AssertSucceededAsync();
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task TrunkCallerTransferredByAnIsolatedExtension_IsDeclined_AndTheCallStaysAsItWas()
    {
        await using var transferer = await SippPhone.AnswerAndTransferAsync(Lobby3001, "5551234");
        await using var outside = await SippPhone.CallUntilHungUpAsync(TrunkA, "3001");

        await transferer.AssertSucceededAsync(); // declined, then the transferer hangs up itself
        Assert.Equal(["SIP/2.0 603 Decline"], transferer.TransferOutcomes.Where(o => !o.StartsWith("SIP/2.0 100", StringComparison.Ordinal)));
        await outside.AssertSucceededAsync(); // hung up by the controller once the transferer left
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<StasisStart>(), e => e.Args.Contains("5551234"));

        // Until the transferer hung up, the outside caller stayed bridged with it.
        var events = Controller.Events.Snapshot();
        var transfererGone = events.Select((e, i) => (e, i)).First(x => x.e is ChannelHangupRequest h && h.Channel.Name.StartsWith("PJSIP/3001-", StringComparison.Ordinal)).i;
        Assert.DoesNotContain(events.Take(transfererGone).OfType<ChannelLeftBridge>(), e => e.Channel.Name.StartsWith("PJSIP/trunk-a-", StringComparison.Ordinal));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task TransferToANumberThatNeedsAPassword_IsDeclined_AndTheCallStaysAsItWas()
    {
        // 2001 may call 5559001 only with the Premium password: nobody can type it for a transfer.
        await using var transferer = await SippPhone.AnswerAndTransferAsync(Sales2001, "5559001");
        await using var outside = await SippPhone.CallUntilHungUpAsync(TrunkA, "2001");

        await transferer.AssertSucceededAsync();
        Assert.Equal(["SIP/2.0 603 Decline"], transferer.TransferOutcomes.Where(o => !o.StartsWith("SIP/2.0 100", StringComparison.Ordinal)));
        await outside.AssertSucceededAsync();
        Assert.DoesNotContain(Controller.Events.Snapshot().OfType<StasisStart>(), e => e.Args.Contains("5559001"));
        Assert.Equal(1, await Controller.ReadCounterAsync("phonegroups_transfers_total", ("kind", "blind"), ("decision", "deny")));
        var events = Controller.Events.Snapshot();
        var transfererGone = events.Select((e, i) => (e, i)).First(x => x.e is ChannelHangupRequest h && h.Channel.Name.StartsWith("PJSIP/2001-", StringComparison.Ordinal)).i;
        Assert.DoesNotContain(events.Take(transfererGone).OfType<ChannelLeftBridge>(), e => e.Channel.Name.StartsWith("PJSIP/trunk-a-", StringComparison.Ordinal));
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task TransfererHangsUpRightAfterTheRefer_TheTransferGoesOn_AndTheCallerEndsUpWithTheTarget()
    {
        await using var transferer = await SippPhone.AnswerTransferAndLeaveAsync(Sales2001, "5551234");
        await using var outside = await SippPhone.CallUntilHungUpAsync(TrunkA, "2001");

        var target = await Controller.WaitForRingingAtAsync("5551234", TimeSpan.FromSeconds(15));
        await transferer.AssertSucceededAsync(); // gone before the target answers
        await Controller.Ari.AnswerAsync(target.Channel.Id);
        var joined = await Controller.Events.WaitForAsync<ChannelEnteredBridge>(
            e => e.Channel.Name.StartsWith("Local/5551234@phonegroups-sim-", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var members = new List<string>();
        foreach (var id in (await Controller.Ari.GetBridgeAsync(joined.Bridge.Id)).Channels)
        {
            members.Add((await Controller.Ari.GetChannelAsync(id)).Name);
        }

        Assert.Equal(2, members.Count);
        Assert.Contains(members, name => name.StartsWith("PJSIP/trunk-a-", StringComparison.Ordinal));

        await Controller.Ari.HangupAsync(target.Channel.Id);
        await outside.AssertSucceededAsync();
        await Controller.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task TransfereeHangsUpWhileTheTargetRings_EveryChannelGoes()
    {
        await using var transferer = await SippPhone.AnswerAndTransferAsync(Sales2001, "5551234");
        await using var outside = await SippPhone.CallAsync(TrunkA, "2001", talk: TimeSpan.FromSeconds(3)); // hangs up after 3 s

        var target = await Controller.WaitForRingingAtAsync("5551234", TimeSpan.FromSeconds(15)); // rings, nobody answers
        await outside.AssertSucceededAsync();

        await Controller.WaitForHangupAsync(target.Channel.Id, TimeSpan.FromSeconds(10));
        await transferer.AssertSucceededAsync(); // the transferer is hung up too: its phone confirms the BYE
        Assert.DoesNotContain("SIP/2.0 200 OK", transferer.TransferOutcomes); // never reported as done
        await Controller.AssertNothingLeftAsync();
    }
}
