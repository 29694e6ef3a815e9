using System.Text.Json.Serialization;
using PhoneGroups.Ari.Models;

namespace PhoneGroups.Ari.Events;

/// <summary>
/// A phone asked for a transfer (SIP REFER) on a channel whose transfers ARI handles
/// (<c>PJSIP_TRANSFER_HANDLING()=ari-only</c>, Asterisk 22.3+): nothing happens unless the application acts.
/// The same event comes again with <see cref="State"/> set each time the application reports progress.
/// </summary>
public sealed record ChannelTransfer : AriEvent
{
    /// <summary>Null for the request itself; <c>channel_progress</c>, <c>channel_answered</c>, <c>channel_declined</c> … once progress was reported.</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>Where the transfer should go.</summary>
    [JsonPropertyName("refer_to")] public ReferTo ReferTo { get; init; } = new();

    /// <summary>Who asked for it.</summary>
    [JsonPropertyName("referred_by")] public ReferredBy ReferredBy { get; init; } = new();
}

/// <summary>The transfer's destination.</summary>
public sealed record ReferTo
{
    /// <summary>The number (blind transfer) or the dialog to replace (attended transfer).</summary>
    [JsonPropertyName("requested_destination")] public RequestedDestination RequestedDestination { get; init; } = new();

    /// <summary>Attended transfer: the channel of the dialog to be replaced (the transferer's call with the target), when Asterisk has it.</summary>
    [JsonPropertyName("destination_channel")] public Channel? DestinationChannel { get; init; }

    /// <summary>Attended transfer: the channel bridged with <see cref="DestinationChannel"/> (the target).</summary>
    [JsonPropertyName("connected_channel")] public Channel? ConnectedChannel { get; init; }

    /// <summary>Attended transfer: the bridge of <see cref="DestinationChannel"/>.</summary>
    [JsonPropertyName("bridge")] public Bridge? Bridge { get; init; }
}

/// <summary>What the transferer asked for.</summary>
public sealed record RequestedDestination
{
    /// <summary>Blind transfer: the user part of the Refer-To URI (the number).</summary>
    [JsonPropertyName("destination")] public string? Destination { get; init; }

    /// <summary>Attended transfer: the SIP Call-ID of the dialog to replace.</summary>
    [JsonPropertyName("protocol_id")] public string? ProtocolId { get; init; }
}

/// <summary>The transferer's side.</summary>
public sealed record ReferredBy
{
    /// <summary>The channel the REFER came on: the transferer's.</summary>
    [JsonPropertyName("source_channel")] public Channel SourceChannel { get; init; } = new();

    /// <summary>The channel bridged with the transferer: the transferee.</summary>
    [JsonPropertyName("connected_channel")] public Channel? ConnectedChannel { get; init; }

    /// <summary>The bridge of the transferer and the transferee.</summary>
    [JsonPropertyName("bridge")] public Bridge? Bridge { get; init; }
}
