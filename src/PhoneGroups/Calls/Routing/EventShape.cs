using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>
/// Whether an event has what the controller relies on (a channel with an id, a dial's peer, a playback).
/// JSON from Asterisk can carry <c>null</c> where a field is expected; such an event is dropped with one
/// warning instead of failing a call, or the pipeline every call shares.
/// </summary>
internal static class EventShape
{
    /// <summary>Null when the event is usable, else what is wrong with it.</summary>
    public static string? Problem(AriEvent ariEvent) => ariEvent switch
    {
        ChannelEvent e when e.Channel is null || string.IsNullOrEmpty(e.Channel.Id) => "no channel id",
        StasisStart e when e.Args is null => "no args",
        Dial e when e.Peer is null || string.IsNullOrEmpty(e.Peer.Id) => "no peer channel",
        Dial e when e.DialStatus is null => "no dial status",
        PlaybackStarted e when e.Playback is null || e.Playback.Id is null || e.Playback.TargetUri is null => "no playback",
        PlaybackFinished e when e.Playback is null || e.Playback.Id is null || e.Playback.TargetUri is null => "no playback",
        ChannelEnteredBridge e when e.Channel is null || e.Bridge is null || string.IsNullOrEmpty(e.Channel.Id) => "no channel or bridge",
        ChannelLeftBridge e when e.Channel is null || e.Bridge is null || string.IsNullOrEmpty(e.Channel.Id) => "no channel or bridge",
        ChannelTransfer e when e.ReferredBy?.SourceChannel is null || string.IsNullOrEmpty(e.ReferredBy.SourceChannel.Id) => "no transferer channel",
        ChannelTransfer e when e.ReferTo?.RequestedDestination is null => "no destination",
        ChannelVarset e when e.Channel is { Id: null } => "no channel id",
        _ => null,
    };
}
