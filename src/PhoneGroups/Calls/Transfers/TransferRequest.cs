using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;

namespace PhoneGroups.Calls;

/// <summary>A transfer one of the call's parties asked for, as read from ARI's ChannelTransfer.</summary>
/// <param name="Kind"><c>blind</c> (to a number) or <c>attended</c> (to a call the transferer made, REFER with Replaces).</param>
/// <param name="Transferer">The channel of the party who asked.</param>
/// <param name="TransfereeId">The party who is transferred: the other side of the transferer's call.</param>
/// <param name="Target">The number asked for (blind), or null.</param>
/// <param name="TransfereeName">The transferee's channel name as Asterisk reported it, or null.</param>
internal sealed record TransferRequest(string Kind, Channel Transferer, string TransfereeId, string? Target, string? TransfereeName)
{
    public const string Blind = "blind";
    public const string Attended = "attended";

    /// <summary>Reads the request; null when the transferer's call does not have exactly one other party.</summary>
    public static TransferRequest? From(Call call, ChannelTransfer transfer)
    {
        var transferer = transfer.ReferredBy.SourceChannel;
        var others = call.Channels.Existing.Where(c => c != transferer.Id).ToList();
        var transferee = transfer.ReferredBy.ConnectedChannel?.Id is { } connected && others.Contains(connected) ? connected
            : others.Count == 1 ? others[0]
            : null;
        if (transferee is null)
        {
            return null;
        }

        var destination = transfer.ReferTo.RequestedDestination;
        var kind = string.IsNullOrEmpty(destination.ProtocolId) ? Blind : Attended;
        var name = transfer.ReferredBy.ConnectedChannel?.Id == transferee ? transfer.ReferredBy.ConnectedChannel.Name : null;
        return new TransferRequest(kind, transferer, transferee, kind == Blind ? destination.Destination ?? string.Empty : null, name);
    }
}
