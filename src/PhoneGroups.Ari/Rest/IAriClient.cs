using PhoneGroups.Ari.Models;

namespace PhoneGroups.Ari.Rest;

/// <summary>
/// The ARI REST calls a call controller needs. Teardown calls (hang up, destroy, remove, stop) return
/// false instead of throwing when the object is already gone: on teardown a 404 means "done".
/// Every other refusal throws an <see cref="AriException"/>.
/// </summary>
public interface IAriClient
{
    // channels

    /// <summary>GET /channels/{id}.</summary>
    Task<Channel> GetChannelAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>GET /channels.</summary>
    Task<IReadOnlyList<Channel>> ListChannelsAsync(CancellationToken cancellationToken = default);

    /// <summary>POST /channels/create: a channel in the application, not yet dialed.</summary>
    Task<Channel> CreateChannelAsync(CreateChannelRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/dial: call a created channel; <paramref name="timeoutSeconds"/> bounds the ringing.</summary>
    Task DialAsync(string channelId, string? callerChannelId = null, int? timeoutSeconds = null, CancellationToken cancellationToken = default);

    /// <summary>POST /channels: create and dial in one step, into the dialplan or into an application.</summary>
    Task<Channel> OriginateAsync(OriginateRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/answer.</summary>
    Task AnswerAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/ring: ringing indication to the caller.</summary>
    Task RingAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>DELETE /channels/{id}/ring.</summary>
    Task RingStopAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/progress: early media without answering.</summary>
    Task ProgressAsync(string channelId, CancellationToken cancellationToken = default);

    /// <summary>
    /// POST /channels/{id}/transfer_progress (Asterisk 22.3+): tells the transferer's phone how its transfer goes
    /// (<c>channel_progress</c>, <c>channel_answered</c>, <c>channel_unavailable</c>, <c>channel_declined</c>;
    /// SIP NOTIFY 100, 200, 503, 603). False when the channel was already gone.
    /// </summary>
    Task<bool> TransferProgressAsync(string channelId, string state, CancellationToken cancellationToken = default);

    /// <summary>DELETE /channels/{id} with a Q.850 cause. False when the channel was already gone.</summary>
    Task<bool> HangupAsync(string channelId, int? causeCode = null, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/play: play media (e.g. <c>sound:x</c>) in <paramref name="language"/>.</summary>
    Task<Playback> PlayAsync(string channelId, IReadOnlyList<string> media, string? language = null, string? playbackId = null, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/continue: leave the application and go on in the dialplan.</summary>
    Task ContinueAsync(string channelId, string? context = null, string? extension = null, int? priority = null, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/redirect: SIP-level redirect to another endpoint.</summary>
    Task RedirectAsync(string channelId, string endpoint, CancellationToken cancellationToken = default);

    /// <summary>GET /channels/{id}/variable: a variable or a dialplan function such as CALLERID(num).</summary>
    Task<string> GetVariableAsync(string channelId, string variable, CancellationToken cancellationToken = default);

    /// <summary>POST /channels/{id}/variable.</summary>
    Task SetVariableAsync(string channelId, string variable, string value, CancellationToken cancellationToken = default);

    // bridges

    /// <summary>POST /bridges: a mixing bridge with the id the caller chose.</summary>
    Task<Bridge> CreateBridgeAsync(string? bridgeId = null, string type = "mixing", string? name = null, CancellationToken cancellationToken = default);

    /// <summary>GET /bridges/{id}.</summary>
    Task<Bridge> GetBridgeAsync(string bridgeId, CancellationToken cancellationToken = default);

    /// <summary>GET /bridges.</summary>
    Task<IReadOnlyList<Bridge>> ListBridgesAsync(CancellationToken cancellationToken = default);

    /// <summary>POST /bridges/{id}/addChannel.</summary>
    Task AddChannelsAsync(string bridgeId, IReadOnlyList<string> channelIds, CancellationToken cancellationToken = default);

    /// <summary>POST /bridges/{id}/removeChannel. False when the bridge or channel was already gone.</summary>
    Task<bool> RemoveChannelAsync(string bridgeId, string channelId, CancellationToken cancellationToken = default);

    /// <summary>DELETE /bridges/{id}. False when the bridge was already gone.</summary>
    Task<bool> DestroyBridgeAsync(string bridgeId, CancellationToken cancellationToken = default);

    // playbacks, sounds, endpoints, the system

    /// <summary>DELETE /playbacks/{id}. False when it had already finished.</summary>
    Task<bool> StopPlaybackAsync(string playbackId, CancellationToken cancellationToken = default);

    /// <summary>GET /playbacks/{id}: whether it is still queued or playing (false once finished: Asterisk forgets it).</summary>
    Task<bool> PlaybackExistsAsync(string playbackId, CancellationToken cancellationToken = default);

    /// <summary>GET /sounds/{name}: the languages and formats it exists in; null when Asterisk has no such sound.</summary>
    Task<Sound?> GetSoundAsync(string soundName, CancellationToken cancellationToken = default);

    /// <summary>GET /endpoints or /endpoints/{technology}.</summary>
    Task<IReadOnlyList<Endpoint>> ListEndpointsAsync(string? technology = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// GET /asterisk/config/dynamic/{configClass}/{objectType}/{id}: whether the sorcery object exists now, e.g.
    /// ("res_pjsip", "endpoint", "2001"). Unlike GET /endpoints, it knows an endpoint removed by a reload.
    /// </summary>
    Task<bool> ConfigObjectExistsAsync(string configClass, string objectType, string id, CancellationToken cancellationToken = default);

    /// <summary>GET /asterisk/ping.</summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    /// <summary>GET /asterisk/info.</summary>
    Task<AsteriskInfo> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// PUT /applications/{application}/eventFilter: Asterisk no longer sends <paramref name="application"/> events of
    /// <paramref name="disallowedTypes"/>. The filter lives as long as the application, so set it after every connect.
    /// </summary>
    Task SetEventFilterAsync(string application, IReadOnlyList<string> disallowedTypes, CancellationToken cancellationToken = default);
}
