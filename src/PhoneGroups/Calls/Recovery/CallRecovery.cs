using PhoneGroups.Ari.Events;
using PhoneGroups.Ari.Models;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Calls;

/// <summary>
/// At start and after every reconnect: takes charge of what Asterisk holds for the application, so no
/// call is left without anyone in charge after a crash, a restart or an outage.
/// <list type="bullet">
/// <item>calls this process has whose channels Asterisk no longer has: the events were lost; they end;</item>
/// <item>calls this process has that wait for an event lost with the connection (a leg's answer, a prompt's
/// end): what Asterisk holds now is sent to them as that event;</item>
/// <item>the controller's bridges (<see cref="BridgeNames"/>) with both parties: adopted as bridged calls;
/// with one party left: that party is hung up and the bridge destroyed;</item>
/// <item>legs nobody controls (ringing when the controller died): hung up;</item>
/// <item>callers nobody controls (being decided, ringing, in a prompt): decided again, as if they had just
/// entered; except a caller outside its own call's bridge, a transferer whose transfer was done: hung up.</item>
/// </list>
/// </summary>
internal sealed class CallRecovery(CallServices services, TimeProvider time, Func<string, CallState, Call> adopt)
{
    private static readonly TimeSpan EventsInFlight = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Taken before the listing: a channel that existed then and is missing from it is really gone.
        var known = services.Router.Calls.ToList().Select(call => (call, call.Channels.Existing)).ToList();
        IReadOnlyList<Channel> channels;
        IReadOnlyList<Bridge> bridges;
        try
        {
            channels = await services.Ari.ListChannelsAsync(cancellationToken).ConfigureAwait(false);
            bridges = await services.Ari.ListBridgesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            CallLog.RecoveryFailed(services.Logger, e.Message);
            return;
        }

        var alive = channels.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var lost = EndLostChannels(known, alive);
        await CatchUpAsync(known, channels, cancellationToken).ConfigureAwait(false);
        var inOurBridges = new HashSet<string>(StringComparer.Ordinal);
        var (adopted, ended) = await AdoptBridgesAsync(bridges, alive, inOurBridges, cancellationToken).ConfigureAwait(false);
        // Calls whose bridge holds two parties without the call's own channel: a transfer was completed.
        var bridgedCalls = bridges
            .Select(b => BridgeNames.TryParse(b.Name, out var app, out var callId) && app == services.App
                && !b.Channels.Contains(callId) && b.Channels.Count(alive.Contains) >= 2 ? callId : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var unowned = channels.Where(c => !services.Router.IsOwned(c.Id) && !inOurBridges.Contains(c.Id) && IsInApplication(c, services.App)).ToList();
        if (unowned.Count > 0)
        {
            // A channel that entered just now is listed before its StasisStart is handled: let those arrive.
            await Task.Delay(EventsInFlight, time, cancellationToken).ConfigureAwait(false);
        }

        unowned = [.. unowned.Where(c => !services.Router.IsOwned(c.Id) && !services.Router.WasRecentlyStarted(c.Id))];
        var legsUsed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var leg in unowned.Where(c => LegIds.IsLeg(c.Id)))
        {
            LegIds.TryParse(leg.Id, out var ofCall, out var number);
            legsUsed[ofCall] = Math.Max(number, legsUsed.GetValueOrDefault(ofCall));
            await HangUpQuietlyAsync(leg.Id, HangupCauses.Normal).ConfigureAwait(false);
            ended++;
        }

        var redecided = 0;
        foreach (var channel in unowned.Where(c => !LegIds.IsLeg(c.Id)))
        {
            if (bridgedCalls.Contains(channel.Id))
            {
                // Its call's bridge goes on without it (a transfer it made was completed): deciding it again would
                // dial its old destination once more, with a leg id the adopted call holds.
                CallLog.TransfererLeftOver(services.Logger, channel.Id);
                await HangUpQuietlyAsync(channel.Id, HangupCauses.Normal).ConfigureAwait(false);
                ended++;
                continue;
            }

            CallLog.Redeciding(services.Logger, channel.Id, channel.State);
            var call = adopt(channel.Id, DecidingState.Instance);
            call.LegsUsedBefore(legsUsed.GetValueOrDefault(channel.Id));
            services.Redispatch(new StasisStart { Type = nameof(StasisStart), Application = services.App, Channel = channel, Args = ArgsOf(channel) });
            redecided++;
        }

        if (adopted + redecided + ended + lost > 0)
        {
            CallLog.Recovered(services.Logger, adopted, redecided, ended, lost);
        }
    }

    /// <summary>A channel's StasisStart for a call this process does not know: a new call, or an orphan leg.</summary>
    public static bool IsInApplication(Channel channel, string app)
    {
        if (channel.Dialplan is not { AppName: "Stasis", AppData: { } data })
        {
            return false;
        }

        var comma = data.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? data : data[..comma]) == app;
    }

    /// <summary>Calls of this process whose channels are gone: their ChannelDestroyed was lost while disconnected.</summary>
    private int EndLostChannels(List<(Call Call, IReadOnlyList<string> Channels)> known, HashSet<string> alive)
    {
        var lost = 0;
        foreach (var (_, channels) in known)
        {
            foreach (var channel in channels.Where(c => !alive.Contains(c)))
            {
                services.Redispatch(LostChannel(channel));
                lost++;
            }
        }

        return lost;
    }

    /// <summary>
    /// Calls this process still has may wait for an event that was lost with the connection: a leg that answered
    /// meanwhile is sent to them as its state change; a prompt that ended meanwhile as its PlaybackFinished.
    /// </summary>
    private async Task CatchUpAsync(List<(Call Call, IReadOnlyList<string> Channels)> known, IReadOnlyList<Channel> channels, CancellationToken cancellationToken)
    {
        var byId = channels.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var (call, owned) in known)
        {
            if (call.IsCompleted)
            {
                continue;
            }

            foreach (var leg in owned.Where(id => id != call.Id && byId.TryGetValue(id, out var c) && c.State == "Up"))
            {
                services.Redispatch(new ChannelStateChange { Type = nameof(ChannelStateChange), Application = services.App, Channel = byId[leg] });
            }

            if (call.State.AwaitedPlaybackId is not { } playback)
            {
                continue;
            }

            try
            {
                if (!await services.Ari.PlaybackExistsAsync(playback, cancellationToken).ConfigureAwait(false))
                {
                    services.Redispatch(new PlaybackFinished
                    {
                        Type = nameof(PlaybackFinished),
                        Application = services.App,
                        Playback = new Playback { Id = playback, TargetUri = $"channel:{call.Id}", State = "done" },
                    });
                }
            }
            catch (AriException e)
            {
                CallLog.RecoveryStepFailed(services.Logger, $"checking playback {playback}", e.Message);
            }
        }
    }

    private async Task<(int Adopted, int Ended)> AdoptBridgesAsync(IReadOnlyList<Bridge> bridges, HashSet<string> alive, HashSet<string> inOurBridges, CancellationToken cancellationToken)
    {
        int adopted = 0, ended = 0;
        foreach (var bridge in bridges)
        {
            if (!BridgeNames.TryParse(bridge.Name, out var app, out var callId) || app != services.App)
            {
                continue;
            }

            var members = bridge.Channels.Where(alive.Contains).ToList();
            inOurBridges.UnionWith(members);
            // A call of this process is in charge: of its members, or of its caller while its bridge waits
            // empty for the callee's answer (made while the callee rings).
            if (members.Any(services.Router.IsOwned) || services.Router.IsOwned(callId))
            {
                continue;
            }

            if (members.Count == 2)
            {
                var call = adopt(members.Contains(callId) ? callId : members[0], BridgedState.Instance);
                members.ForEach(channel => call.Channels.Own(channel));
                call.BridgeId = bridge.Id;
                call.BridgeCreated = true;
                CallLog.AdoptedBridgedCall(services.Logger, call.Id, bridge.Id, string.Join(",", members));
                adopted++;
                await CheckStillThereAsync(members, cancellationToken).ConfigureAwait(false);
                continue;
            }

            CallLog.EndedHalfBridge(services.Logger, bridge.Id, members.Count);
            foreach (var member in members)
            {
                await HangUpQuietlyAsync(member, HangupCauses.Normal).ConfigureAwait(false);
            }

            try
            {
                await services.Ari.DestroyBridgeAsync(bridge.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (AriException e)
            {
                // One bridge Asterisk would not destroy now must not stop the recovery of every other call.
                CallLog.RecoveryStepFailed(services.Logger, $"destroying bridge {bridge.Id}", e.Message);
            }

            ended++;
        }

        return (adopted, ended);
    }

    /// <summary>A party that hung up between the listing and the adoption sent its last event to nobody.</summary>
    private async Task CheckStillThereAsync(List<string> channels, CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            var probe = await ChannelProbe.AskAsync(services.Ari, channel, cancellationToken).ConfigureAwait(false);
            if (probe.IsGone)
            {
                services.Redispatch(LostChannel(channel));
            }
            else if (probe.Failure is { } e)
            {
                // Not known whether it is still there: the call stays adopted, and its events (or the next
                // reconnect's recovery) end it.
                CallLog.RecoveryStepFailed(services.Logger, $"checking channel {channel}", e.Message);
            }
        }
    }

    private async Task HangUpQuietlyAsync(string channelId, int cause)
    {
        try
        {
            await services.Ari.HangupAsync(channelId, cause).ConfigureAwait(false);
        }
        catch (AriException e)
        {
            CallLog.CleanupFailed(services.Logger, channelId, channelId, e.Message);
        }
    }

    /// <summary>The arguments of <c>Stasis(app,arg1,arg2)</c> as the channel's dialplan shows them.</summary>
    private static List<string> ArgsOf(Channel channel)
    {
        var data = channel.Dialplan?.AppData ?? string.Empty;
        var comma = data.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? [] : [.. data[(comma + 1)..].Split(',')];
    }

    /// <summary>The event that was lost for a channel Asterisk no longer has.</summary>
    public static ChannelDestroyed LostChannel(string channelId) =>
        new() { Type = nameof(ChannelDestroyed), Channel = new Channel { Id = channelId }, Cause = HangupCauses.Normal, CauseText = "lost while disconnected" };
}
