using NSubstitute;
using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Tests.Calls;

/// <summary>
/// Attended transfers (ChannelTransfer with a dialog to replace): joining two calls the controller decided is
/// allowed, except outside to outside, which is decided as the transferer calling the second party's number.
/// </summary>
public sealed class AttendedTransferTests : IAsyncLifetime
{
    private readonly ControllerUnderTest _sut = new(TestPolicies.SalesOutAndIsolatedLobby);

    public Task InitializeAsync() => _sut.StartAsync();

    public async Task DisposeAsync() => await _sut.DisposeAsync();

    [Fact]
    public async Task TrunkCallerJoinedWithAnOutsideCallTheTransfererMayMake_IsJoined()
    {
        await FromTrunkAsync("A", "5559000", "2002");
        await _sut.BridgedAsync("B", "2002", "5551234"); // 2002 calls out, then joins the two

        Transfer(transfererId: "A-leg1", transfererName: "PJSIP/2002-00000001", transfereeId: "A",
            replacedId: "B", replacedName: "PJSIP/2002-00000002", secondId: "B-leg1", secondName: "PJSIP/trunk-a-00000003");

        await Eventually.Async(() => _sut.Ari.Received().RemoveChannelAsync("B-bridge", "B-leg1", Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().AddChannelsAsync("A-bridge", Arg.Is<IReadOnlyList<string>>(c => c.Single() == "B-leg1"), Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().HangupAsync("B", 16, Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_answered", Arg.Any<CancellationToken>()));
        await Eventually.Async(() => _sut.Ari.Received().RemoveChannelAsync("A-bridge", "A-leg1", Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("Call A: attended transfer by 2002 (group Sales) of A to 5551234: allow (route-granted)", StringComparison.Ordinal));

        _sut.Asterisk.Destroyed("B"); // the other call ends with the transferer's side of it
        _sut.Asterisk.Destroyed("A-leg1");
        await _sut.InState("A", "Bridged");
        await Eventually.True(() => _sut.Controller.Calls.All(c => c.Id != "B"));
        await _sut.Ari.DidNotReceive().HangupAsync("B-leg1", Arg.Any<int?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task TwoTrunkCallersJoinedByAnIsolatedExtension_IsDeclined_AndBothCallsStay()
    {
        await FromTrunkAsync("A", "5559000", "3001");
        await FromTrunkAsync("B", "5559999", "3001"); // a second outside call to the lobby phone

        Transfer(transfererId: "A-leg1", transfererName: "PJSIP/3001-00000001", transfereeId: "A",
            replacedId: "B-leg1", replacedName: "PJSIP/3001-00000002", secondId: "B", secondName: "PJSIP/trunk-a-00000003");

        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_declined", Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("attended transfer by 3001 (group Lobby) of A to 5559999: deny", StringComparison.Ordinal));
        await _sut.Ari.DidNotReceive().RemoveChannelAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>());
        await _sut.Ari.DidNotReceive().HangupAsync(Arg.Any<string>(), Arg.Any<int?>(), Arg.Any<CancellationToken>());
        await _sut.InState("A", "Bridged");
        await _sut.InState("B", "Bridged");
    }

    [Fact]
    public async Task JoiningTwoInternalCalls_NeedsNoNewDecision()
    {
        await _sut.BridgedAsync("A", "2001", "2002");
        await _sut.BridgedAsync("B", "2002", "3001");

        Transfer(transfererId: "A-leg1", transfererName: "PJSIP/2002-00000001", transfereeId: "A",
            replacedId: "B", replacedName: "PJSIP/2002-00000002", secondId: "B-leg1", secondName: "PJSIP/3001-00000003");

        await Eventually.Async(() => _sut.Ari.Received().AddChannelsAsync("A-bridge", Arg.Is<IReadOnlyList<string>>(c => c.Single() == "B-leg1"), Arg.Any<CancellationToken>()));
        Assert.Contains(_sut.Log.Lines, l => l.Message.Contains("Call A: attended transfer by 2002 joins A with B-leg1 of call B: allow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplacingACallTheControllerDoesNotHold_IsDeclined()
    {
        await _sut.BridgedAsync("A", "2001", "2002");

        Transfer(transfererId: "A-leg1", transfererName: "PJSIP/2002-00000001", transfereeId: "A",
            replacedId: "elsewhere", replacedName: "PJSIP/2002-00000009", secondId: "someone", secondName: "PJSIP/trunk-a-00000009");

        await Eventually.Async(() => _sut.Ari.Received().TransferProgressAsync("A-leg1", "channel_declined", Arg.Any<CancellationToken>()));
        await _sut.InState("A", "Bridged");
    }

    private async Task FromTrunkAsync(string id, string callerNumber, string dialed)
    {
        _sut.Asterisk.Send(new StasisStart
        {
            Type = nameof(StasisStart),
            Application = CallPipelineTests.App,
            Channel = new Channel
            {
                Id = id,
                Name = $"PJSIP/trunk-a-0000000{id[0] - 'A'}",
                Caller = new CallerId { Number = callerNumber },
                ChannelVars = new() { ["PHONEGROUPS_ORIGIN"] = "trunk" },
            },
            Args = [dialed],
        });
        await _sut.AnsweredAsync(id);
    }

    private void Transfer(string transfererId, string transfererName, string transfereeId, string replacedId, string replacedName, string secondId, string secondName) =>
        _sut.Asterisk.Send(new ChannelTransfer
        {
            Type = nameof(ChannelTransfer),
            Application = CallPipelineTests.App,
            ReferTo = new ReferTo
            {
                RequestedDestination = new RequestedDestination { ProtocolId = "replaced-dialog@127.0.0.21" },
                DestinationChannel = new Channel { Id = replacedId, Name = replacedName },
                ConnectedChannel = new Channel { Id = secondId, Name = secondName },
            },
            ReferredBy = new ReferredBy
            {
                SourceChannel = new Channel { Id = transfererId, Name = transfererName },
                ConnectedChannel = new Channel { Id = transfereeId },
            },
        });
}
