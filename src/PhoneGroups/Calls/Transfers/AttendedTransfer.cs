using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// An attended transfer (REFER with Replaces): the transferer has two calls, this one with the transferee and
/// another one (the call to replace) with the second party, and asks to join the two remote parties. Both
/// calls were decided already, so a join is allowed, except one that would connect a party from outside
/// with another party from outside: that is decided as the <b>transferer</b> calling the second party's
/// number ("call out to a premium number, then join it to an incoming caller"). Joined: the second party
/// moves into this call's bridge, the transferer's two channels leave, the phone gets NOTIFY 200.
/// </summary>
internal static class AttendedTransfer
{
    public static async Task<CallState> StartAsync(Call call, ChannelTransfer request, TransferRequest transfer, CallerIdentity transferer, bool transfereeOutside,
        CallState current, CancellationToken cancellationToken)
    {
        var services = call.Services;
        var transfererId = transfer.Transferer.Id;
        var replaced = request.ReferTo.DestinationChannel;
        if (replaced is null || services.Router.OwnerOf(replaced.Id) is not { } other || other == call || other.State is not BridgedState)
        {
            return await CallTransfer.RefuseAsync(call, transfererId, "the call to replace is not a bridged call of the controller", current, cancellationToken).ConfigureAwait(false);
        }

        var partyIds = other.Channels.Existing.Where(c => c != replaced.Id).ToList();
        var secondId = request.ReferTo.ConnectedChannel?.Id is { } connected && partyIds.Contains(connected) ? connected
            : partyIds.Count == 1 ? partyIds[0]
            : null;
        if (secondId is null || other.BridgeId is null || call.BridgeId is null)
        {
            return await CallTransfer.RefuseAsync(call, transfererId, "the call to replace has no single other party", current, cancellationToken).ConfigureAwait(false);
        }

        var secondName = request.ReferTo.ConnectedChannel?.Id == secondId ? request.ReferTo.ConnectedChannel.Name : null;
        var secondOutside = CallTransfer.IsFromOutside(other, secondId, secondName);
        var name = transferer.Extension ?? "unknown";
        if (transfereeOutside && secondOutside)
        {
            // Outside to outside: what the transferer would dial to reach the second party.
            var number = secondId == other.Id ? other.Caller.Caller.Number ?? string.Empty : other.Dialed;
            var decided = RedirectionDecision.Decide(services.Policies.Current, transferer, number, fromOutside: true, transfer.Transferer.Caller.Number);
            TransferLog.Decided(services.Logger, call, transfer with { Target = number }, decided);
            services.Metrics.Transferred(transfer.Kind, decided.IsAllowed ? "allow" : "deny");
            if (!decided.IsAllowed)
            {
                await TransferProgress.ReportAsync(call, transfererId, TransferProgress.Declined, cancellationToken).ConfigureAwait(false);
                return current;
            }
        }
        else
        {
            TransferLog.Joined(services.Logger, call.Id, name, transfer.TransfereeId, secondId, other.Id);
            services.Metrics.Transferred(transfer.Kind, "allow");
        }

        if (!other.Channels.TryGiveTo(call, secondId))
        {
            return await CallTransfer.RefuseAsync(call, transfererId, "the second party left meanwhile", current, cancellationToken).ConfigureAwait(false);
        }

        await services.Ari.RemoveChannelAsync(other.BridgeId, secondId, cancellationToken).ConfigureAwait(false);
        await services.Ari.AddChannelsAsync(call.BridgeId, [secondId], cancellationToken).ConfigureAwait(false);
        // The transferer's side of the other call: that call ends with it (it owns nothing else now).
        await services.Ari.HangupAsync(replaced.Id, HangupCauses.Normal, cancellationToken).ConfigureAwait(false);
        TransferLog.Completed(services.Logger, call.Id, name, secondId, transfer.TransfereeId, secondId);
        await TransferProgress.ReportAsync(call, transfererId, TransferProgress.Answered, cancellationToken).ConfigureAwait(false);
        await services.Ari.RemoveChannelAsync(call.BridgeId, transfererId, cancellationToken).ConfigureAwait(false);
        return TransferredState.Start(call, transfererId);
    }
}
