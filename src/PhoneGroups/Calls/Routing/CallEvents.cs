using PhoneGroups.Ari.Events;

namespace PhoneGroups.Calls;

/// <summary>Which channels an ARI event is about, so it can be routed to the call that owns them.</summary>
internal static class CallEvents
{
    /// <summary>The channel ids an event concerns, the most specific first.</summary>
    public static IEnumerable<string> ChannelIds(AriEvent ariEvent)
    {
        switch (ariEvent)
        {
            case CallSignal e:
                yield return e.CallId;
                break;
            case ChannelEvent e:
                yield return e.Channel.Id;
                break;
            case Dial e:
                yield return e.Peer.Id;
                if (e.Caller is not null)
                {
                    yield return e.Caller.Id;
                }

                break;
            case ChannelTransfer e:
                yield return e.ReferredBy.SourceChannel.Id;
                break;
            case PlaybackStarted e when TargetChannel(e.Playback.TargetUri) is { } target:
                yield return target;
                break;
            case PlaybackFinished e when TargetChannel(e.Playback.TargetUri) is { } target:
                yield return target;
                break;
            case ChannelEnteredBridge e:
                yield return e.Channel.Id;
                if (BridgeNames.TryParse(e.Bridge.Name, out _, out var bridgeCall))
                {
                    yield return bridgeCall; // a channel no call owns entering a call's bridge: that call must know
                }

                break;
            case ChannelLeftBridge e:
                yield return e.Channel.Id;
                break;
            case ChannelVarset { Channel: not null } e:
                yield return e.Channel.Id;
                break;
        }
    }

    private static string? TargetChannel(string targetUri) =>
        targetUri.StartsWith("channel:", StringComparison.Ordinal) ? targetUri["channel:".Length..] : null;
}
